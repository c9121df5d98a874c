/**
 * A kiosk's receipt printer is removed only on purpose, with {"address": null}.
 * A PUT that forgot the address, or whose body is not JSON, used to answer 200
 * and silently remove the printer; now it is a 400 and the printer stays.
 */
import { DataSource } from 'typeorm';
import { SiteFixture, seedSite, setKioskPrinter } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

let sys: TestSystem;
let f: SiteFixture;
let admin: Api;
let printerPath: string;

beforeAll(async () => {
  sys = await startSystem();
  f = await seedSite(sys);
  admin = sys.ticketing.as(f.tokens.admin);
  const devices = await sys.triage.as(f.tokens.admin).get(`/sites/${f.siteId}/devices`);
  printerPath = `/sites/${f.siteId}/devices/${devices.body.find((d: { kind: string }) => d.kind === 'kiosk').id}/printer`;
});

afterAll(() => sys?.stop());

/** The printer the kiosk will print on, as the database holds it for the print job. */
async function kioskPrinter(): Promise<string | null> {
  const [row] = await sys.apps[0].get(DataSource).query(`SELECT printer_address FROM device WHERE site_id = $1 AND kind = 'kiosk'`, [f.siteId]);
  return row.printer_address;
}

it.each([
  ['an empty JSON object', '{}', 'application/json'],
  ['no body at all', undefined, undefined],
  ['a body that is not JSON', '10.0.4.21:9100', 'text/plain'],
  ['a form', 'address=', 'application/x-www-form-urlencoded'],
])('%s is a 400 with a code, and the printer stays', async (_what, body, contentType) => {
  await setKioskPrinter(sys, f, '10.0.4.21:9100');
  const r = await admin.request('PUT', printerPath, body, contentType ? { 'content-type': contentType } : {});
  expect(r.status).toBe(400);
  expect(r.body.error.code).toEqual(expect.stringMatching(/^[a-z_]+$/));
  expect(await kioskPrinter()).toBe('10.0.4.21:9100');
});

it('{"address": null} removes the printer', async () => {
  await setKioskPrinter(sys, f, '10.0.4.21:9100');
  const r = await admin.request('PUT', printerPath, { address: null });
  expectStatus(r, 200);
  expect(r.body.printerAddress).toBeNull();
  expect(await kioskPrinter()).toBeNull();
});
