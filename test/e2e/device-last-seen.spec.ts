import { seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

/** The configuration page shows when each kiosk and display last used its token, so a dead screen stands out. */
describe('device last seen', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('is empty until the device calls, then the time of its call; revoking still ends the token at once', async () => {
    const f = await seedSite(sys);
    const admin = sys.triage.as(f.tokens.admin);
    const created = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: 'Kiosk ved døren' });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({ lastSeenAt: null, revokedAt: null });
    const device = () => admin.get(`/sites/${f.siteId}/devices`).then((r) => r.body.find((d: { id: string }) => d.id === created.body.id));
    expect((await device()).lastSeenAt).toBeNull();

    const before = Date.now();
    const kiosk = sys.triage.as(created.body.token);
    expectStatus(await kiosk.get(`/sites/${f.siteId}/services`), 200);
    const seen = Date.parse((await device()).lastSeenAt);
    expect(seen).toBeGreaterThanOrEqual(before - 2_000);
    expect(seen).toBeLessThanOrEqual(Date.now() + 2_000);
    // A second call within the minute writes nothing new.
    expectStatus(await kiosk.get(`/sites/${f.siteId}/services`), 200);
    expect(Date.parse((await device()).lastSeenAt)).toBe(seen);

    // The write of last_seen_at leaves cached tokens alone, but a revocation still reaches every instance at once.
    const revoked = await admin.delete(`/sites/${f.siteId}/devices/${created.body.id}`);
    expectStatus(revoked, 200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expectStatus(await kiosk.get(`/sites/${f.siteId}/services`), 401);
    expectStatus(await sys.counterDisplay[0].as(created.body.token).get('/devices/me'), 401);
  });

  it('refuses the list and revocation to everyone but the site administrator', async () => {
    const f = await seedSite(sys);
    for (const token of [f.tokens.supervisor, f.tokens.kiosk, f.tokens.display]) {
      expectStatus(await sys.triage.as(token).get(`/sites/${f.siteId}/devices`), 403);
    }
  });
});
