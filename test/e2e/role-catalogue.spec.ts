import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/** An IdP or OS2rollekatalog reads Skranke's system roles without an account: the same document as docs/role-catalogue.json. */
describe('role catalogue', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('is served to anyone as the published file has it, with the OS2rollekatalog list', async () => {
    const r = await sys.triage.get('/auth/role-catalogue');
    expectStatus(r, 200);
    expect(r.body).toEqual(JSON.parse(readFileSync(resolve(__dirname, '../../docs/role-catalogue.json'), 'utf8')));
    expect(r.body.roles.map((x: { id: string }) => x.id)).toEqual(['admin', 'supervisor', 'floor', 'counter', 'reports', 'integration']);
    const reports = r.body.os2rollekatalog.systemRoles.find((x: { identifier: string }) => x.identifier.endsWith('/reports/1'));
    expect(reports).toEqual({ identifier: 'https://skranke.dk/roles/usersystemrole/reports/1', name: 'Statistiklæser', description: expect.stringContaining('statistik') });
  });
});
