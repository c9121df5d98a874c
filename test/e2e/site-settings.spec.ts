import { seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';

describe('site settings', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('stores known settings and refuses unknown keys and bad values with 400 invalid_settings', async () => {
    const f = await seedSite(sys);
    const admin = sys.triage.as(f.tokens.admin);
    const ok = await admin.patch(`/sites/${f.siteId}`, {
      settings: { bookingUrl: 'https://www.kk.dk/book-tid', appointmentWindow: { earlyMinutes: 20, lateMinutes: 5 }, retentionHours: 12 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ bookingUrl: 'https://www.kk.dk/book-tid', appointmentWindow: { earlyMinutes: 20, lateMinutes: 5 }, retentionHours: 12, waitWarningShare: 0.75 });
    const tried = [
      { cprNumber: true }, // (a CPR-shaped value anywhere is refused before this, as cpr_not_allowed)
      { bookingUrl: 'javascript:alert(1)' },
      { appointmentWindow: { earlyMinutes: -1, lateMinutes: 5 } },
      { appointmentWindow: { earlyMinutes: 10, lateMinutes: 5, extra: 1 } },
      { retentionHours: 'a day' },
      { flags: ['x'.repeat(81)] },
    ];
    for (const settings of tried) {
      const res = await admin.patch(`/sites/${f.siteId}`, { settings });
      expect({ settings, status: res.status, code: res.body.error?.code }).toEqual({ settings, status: 400, code: 'invalid_settings' });
    }
  });
});
