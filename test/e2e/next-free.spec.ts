import { SettableClock, seedBookableSite } from '../support/booking';
import { issueTickets, openCounter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(90_000);

// Monday 22 March 2027, 10:00 in Copenhagen (UTC+1); the site is open 08–16 on weekdays.
const MONDAY_TEN = '2027-03-22T09:00:00Z';
const MONDAY_QUARTER_TO_FOUR = '2027-03-22T14:45:00Z';

/** The kiosk's "next free time today" (issue 19, item 7): GET /sites/:siteId/appointments/next-free. */
describe('next free time', () => {
  let sys: TestSystem;
  const clock = new SettableClock(new Date(MONDAY_TEN));
  beforeAll(async () => {
    sys = await startSystem({ clock });
  });
  afterAll(() => sys.stop());
  beforeEach(() => clock.set(MONDAY_TEN));

  it('offers today’s and the next day’s first free time only once the walk-in wait exceeds the target', async () => {
    const f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 0.5, minNoticeMinutes: 120 });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const ask = () => kiosk.get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`);
    await openCounter(sys, f, f.counters[0].id);

    const quiet = await ask();
    expectStatus(quiet, 200);
    // No one waits: nothing to offer, but the times are there. No minimum notice for the kiosk (the public one is 2 hours).
    expect(quiet.body).toEqual({
      date: '2027-03-22',
      offer: false,
      reason: null,
      today: { startsAt: expect.stringMatching(/^2027-03-22T1[01]:\d\d:00\+01:00$/), endsAt: expect.any(String) },
      tomorrow: { startsAt: '2027-03-23T08:00:00+01:00', endsAt: '2027-03-23T08:15:00+01:00' },
    });
    expect(Date.parse(quiet.body.today.startsAt)).toBeGreaterThan(Date.parse(MONDAY_TEN));
    expect(Date.parse(quiet.body.today.startsAt)).toBeLessThan(Date.parse(MONDAY_TEN) + 60 * 60_000);

    // One counter open and 25 waiting: far over the 15-minute target.
    await issueTickets(sys, f, f.serviceId, 25);
    const busy = await ask();
    expectStatus(busy, 200);
    expect(busy.body).toMatchObject({ offer: true, reason: 'wait-over-target', today: quiet.body.today, tomorrow: quiet.body.tomorrow });

    // Floor staff see the same answer.
    const floor = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`);
    expectStatus(floor, 200);
    expect(floor.body.reason).toBe('wait-over-target');

    // A quarter to four: the queue will not be reached before closing; today has a time or two left at most.
    clock.set(MONDAY_QUARTER_TO_FOUR);
    const late = await ask();
    expectStatus(late, 200);
    expect(late.body).toMatchObject({ offer: true, reason: 'not-before-closing', tomorrow: { startsAt: '2027-03-23T08:00:00+01:00' } });
  });

  it('offers the time after the kiosk books today’s (the one booked is gone)', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 0.5 });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const first = await kiosk.get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`);
    expectStatus(first, 200);
    const booked = await kiosk.post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt: first.body.today.startsAt, language: 'en' }, { 'Idempotency-Key': 'kiosk-1' });
    expectStatus(booked, 201);
    // No printer: no receipt.
    expect(booked.body).toMatchObject({ startsAt: first.body.today.startsAt, bookingCode: expect.stringMatching(/^[A-Z2-9]{6}$/), printStatus: null });
    const listed = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=2027-03-22`);
    expect(listed.body).toEqual([expect.objectContaining({ id: booked.body.id, bookedBy: 'kiosk', status: 'booked', hasContact: false })]);
    const next = await kiosk.get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`);
    expect(Date.parse(next.body.today.startsAt)).toBeGreaterThan(Date.parse(first.body.today.startsAt));
  });

  it('lists staff the free times without the public minimum notice', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 30, share: 1, minNoticeMinutes: 240 });
    const staff = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments/slots?serviceId=${f.serviceId}`);
    expectStatus(staff, 200);
    // Two weeks from today when no dates are given.
    expect(staff.body.days).toHaveLength(14);
    expect(staff.body.days[13].date).toBe('2027-04-04');
    // The time beginning now is left out (booking it would be in_the_past).
    expect(staff.body.days[0].slots[0]).toEqual({ startsAt: '2027-03-22T10:30:00+01:00', endsAt: '2027-03-22T11:00:00+01:00' });
    const pub = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-22&to=2027-03-22`);
    expect(pub.body.days[0].slots[0].startsAt).toBe('2027-03-22T14:00:00+01:00');
    const week = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments/slots?serviceId=${f.serviceId}&from=2027-03-22&to=2027-03-26`);
    expect(week.body.days.map((d: { date: string }) => d.date)).toEqual(['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26']);
  });

  it('has nothing to offer for a service that cannot be booked, and refuses bad input and other roles', async () => {
    const f = await seedBookableSite(sys, { services: 2 });
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const other = await kiosk.get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.services[1].id}`);
    expectStatus(other, 200);
    expect(other.body).toEqual({ date: '2027-03-22', offer: false, reason: null, today: null, tomorrow: null });
    const bad: [string, number, string][] = [
      ['', 400, 'invalid_service_id'],
      ['?serviceId=abc', 400, 'invalid_service_id'],
      ['?serviceId=0101901234', 400, 'invalid_service_id'],
      ['?serviceId=00000000-0000-4000-8000-000000000000', 404, 'service_not_found'],
    ];
    for (const [query, status, code] of bad) {
      const res = await kiosk.get(`/sites/${f.siteId}/appointments/next-free${query}`);
      expectStatus(res, status);
      expect(res.body.error.code).toBe(code);
    }
    const slots = await kiosk.get(`/sites/${f.siteId}/appointments/slots?serviceId=${f.serviceId}&from=2027-03-22&to=2027-06-30`);
    expectStatus(slots, 400);
    expect(slots.body.error.code).toBe('range_too_long');
    expectStatus(await sys.ticketing.as(f.tokens.counter).get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`), 403);
    expectStatus(await sys.ticketing.get(`/sites/${f.siteId}/appointments/next-free?serviceId=${f.serviceId}`), 401);
  });
});
