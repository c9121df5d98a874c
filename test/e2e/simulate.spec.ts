import { driveDay } from '../../tools/simulate/http-day-driver';
import { seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';

describe('npm run simulate: a simulated day played through the real APIs', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('issues, calls and finishes the planned visits of the first hour, and the public wait times show the room', async () => {
    const f = await seedSite(sys, { counters: 3 });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const staff = sys.counterDisplay[0].as(f.tokens.supervisor);
    const stats = await driveDay(
      {
        siteId: f.siteId,
        serviceFor: (id) => f.services[id.length % f.services.length].id,
        counters: f.counters.map((c) => ({ id: c.id, seats: 1 })),
        issue: async (serviceId, priority) => {
          const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId, priority });
          return res.status === 201 ? res.body : null;
        },
        staff: (method, path, body) => staff.request(method, path, body ?? {}),
      },
      { seed: 3, speed: 3000, minutes: 60 },
    );
    expect(stats.issued).toBeGreaterThan(10);
    expect(stats.refused).toBe(0);
    // Every issued ticket ended one way or another: served, no-show or cancelled by a citizen who gave up.
    expect(stats.finished + stats.noShows + stats.cancelled).toBe(stats.issued);
    const waits = await sys.ticketing.get(`/public/sites/${f.slug}/wait-times`);
    expect(waits.body.services.map((s: { waiting: number }) => s.waiting)).toEqual([0, 0, 0]);
  });
});
