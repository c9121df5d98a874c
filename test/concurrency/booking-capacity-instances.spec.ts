import type { INestApplication } from '@nestjs/common';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { slotUse } from '../support/booking-capacity-check';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

/**
 * The booking function trusts the capacity the instance computed, so every
 * instance must compute the same one. The computed share reads the walk-in
 * forecast; it comes from the four whole weeks before today, so today's
 * walk-ins (or a cache filled a few minutes apart) cannot make two instances
 * disagree about a time's capacity during the day.
 */
describe('two ticketing instances agree on a day’s capacity all day, whatever walks in meanwhile', () => {
  let sys: TestSystem;
  let second: { app: INestApplication; api: Api };
  let f: BookableSite;
  // Monday 22 March 2027, 08:30 in Copenhagen: the site is open, walk-ins arrive.
  const clock = new SettableClock(new Date('2027-03-22T07:30:00Z'));
  const DAY = '2027-04-05'; // a Monday two weeks ahead
  const free = async (api: Api) =>
    (await api.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${DAY}&to=${DAY}`)).body.days[0].slots.map((s: { startsAt: string }) => s.startsAt);

  beforeAll(async () => {
    sys = await startSystem({ clock });
    second = await sys.startExtra('ticketing', { RUN_WORKERS: 'false' });
    // No fixed share: the largest the walk-in forecast allows (none yet: the cap).
    f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: null });
  });
  afterAll(() => sys.stop());

  it('an instance that reads the forecast after 40 walk-ins this Monday morning gives next Monday’s times the capacity the other does', async () => {
    const before = await free(sys.ticketing);
    expect(before.length).toBeGreaterThan(0);
    const capacityBefore = await slotUse(sys.apps[1], f.siteId, f.serviceId, DAY, clock.now());
    // 40 walk-ins on Monday 08:30: Monday's 8 o'clock hour would now forecast 10 an hour, more than two counters can serve.
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    for (let i = 0; i < 40; i++) expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.serviceId }), 201);
    // The second instance reads the forecast for the first time now; the first after its cache would have aged.
    expect(await free(second.api)).toEqual(before);
    clock.advance(20);
    expect(await free(sys.ticketing)).toEqual(before);
    expect(await slotUse(second.app, f.siteId, f.serviceId, DAY, clock.now())).toEqual(capacityBefore);
  });

  it('the next day the forecast has today in it', async () => {
    const before = await free(sys.ticketing);
    clock.set('2027-03-23T07:00:00Z'); // Tuesday 08:00
    const after = await free(second.api);
    // Next Monday's 8 o'clock hour now expects 10 walk-ins an hour: its times are no longer bookable.
    expect(after.filter((t: string) => t.includes('T08:'))).toEqual([]);
    expect(before.filter((t: string) => t.includes('T08:')).length).toBeGreaterThan(0);
    expect(await free(sys.ticketing)).toEqual(after);
  });
});
