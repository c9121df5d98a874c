import { Client } from 'pg';
import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1), before the site opens at 08:00.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const DATE = '2027-03-22';
// The four Mondays before it: the forecast's "same weekday and hour" over four weeks.
const PAST_MONDAYS = ['2027-02-22', '2027-03-01', '2027-03-08', '2027-03-15'];

/**
 * The supervisor's appointment plan, with numbers checked by hand. The site has
 * four counters, each serving both of its two services, planned open 08–16 on
 * weekdays, so the bookable service gets half of each: 4 × 15 / 2 = 30
 * counter-minutes per 15-minute interval (two counters' worth). Its history:
 * four walk-ins between 09:00 and 10:00 on each of the last four Mondays, each
 * handled in exactly 10 minutes from the call: a forecast of 4 an hour at
 * 09–10, none otherwise, and a mean handling time of 10 minutes.
 */
describe('the appointment plan', () => {
  let sys: TestSystem;
  let db: Client;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sys.stop();
  });
  beforeEach(() => clock.set(MONDAY_EARLY));

  async function seed(share: number | null) {
    const f = await seedBookableSite(sys, { counters: 4, services: 2, minutes: 20, share });
    let n = 0;
    for (const monday of PAST_MONDAYS) {
      for (const minute of [5, 20, 35, 50]) {
        n++;
        const issued = `${monday}T09:${String(minute).padStart(2, '0')}:00+01:00`;
        await db.query(
          `INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at, called_at, ended_at, tracking_token)
           VALUES ($1, $2, $2, $3, $4::int, 'P' || lpad($4::int::text, 3, '0'), 'finished', 'kiosk', $5::timestamptz, $5::timestamptz, $5::timestamptz, $5::timestamptz + interval '10 minutes', md5(random()::text || $4::int::text))`,
          [f.siteId, f.serviceId, monday, n, issued],
        );
      }
    }
    return f;
  }

  const at = (time: string) => `${DATE}T${time}:00+01:00`;
  const interval = (plan: any, time: string) => plan.intervals.find((i: { startsAt: string }) => i.startsAt === at(time));

  it('shows bookable and booked minutes, the walk-in forecast and its service level per 15 minutes, for bookable services only', async () => {
    const f = await seed(0.5);
    const staff = sys.ticketing.as(f.tokens.supervisor);
    // Two bookings of 20 minutes: 09:00, and 09:20, which runs into the 09:30 interval but counts where it starts.
    for (const time of ['09:00', '09:20']) {
      expectStatus(await staff.post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt: at(time) }), 201);
    }
    // A cancelled one does not count.
    const cancelled = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: at('10:00') });
    expectStatus(cancelled, 201);
    expect((await sys.ticketing.post(`/public/appointments/${cancelled.body.manageToken}/cancel`)).body.status).toBe('cancelled');

    const res = await staff.get(`/sites/${f.siteId}/appointment-plan?date=${DATE}`);
    expectStatus(res, 200);
    expect(res.body.date).toBe(DATE);
    expect(res.body.services.map((s: { serviceId: string }) => s.serviceId)).toEqual([f.serviceId]); // the other service is not bookable
    const plan = res.body.services[0];
    expect(plan).toMatchObject({ share: 0.5, shareSource: 'service', closed: false, appointmentMinutes: 20, targetServiceLevel: 0.8 });
    // 08:00–16:00 in quarters.
    expect(plan.intervals).toHaveLength(32);
    expect(plan.intervals[0].startsAt).toBe(at('08:00'));
    expect(plan.intervals.at(-1).startsAt).toBe(at('15:45'));
    // 30 counter-minutes × 0.5 = 15 bookable minutes in every interval.
    expect(plan.intervals.every((i: any) => i.counterMinutes === 30 && i.bookableMinutes === 15 && i.share === 0.5)).toBe(true);

    expect(interval(plan, '09:00')).toMatchObject({ bookedMinutes: 20, walkInForecast: 1 });
    expect(interval(plan, '09:15')).toMatchObject({ bookedMinutes: 20, walkInForecast: 1 });
    expect(interval(plan, '09:30')).toMatchObject({ bookedMinutes: 0, walkInForecast: 1 });
    expect(interval(plan, '10:00')).toMatchObject({ bookedMinutes: 0, walkInForecast: 0, predictedServiceLevel: 1 });
    // 09–10: λ = 4/h, two counters working at half pace for walk-ins, so a walk-in takes 10 / 0.5 = 20 min:
    // a = 4/60 × 20 = 4/3 Erlang on 2 counters. Erlang B: B1 = a/(1+a) = 4/7, B2 = a·B1/(2 + a·B1) = 8/29;
    // P(wait) = 2·B2 / (2 − a(1 − B2)) = 8/15; service level = 1 − 8/15 · e^(−(2 − 4/3)/20 · 15) = 1 − 8/15 · e^(−0.5) = 0.6765.
    expect(interval(plan, '09:00').predictedServiceLevel).toBeCloseTo(1 - (8 / 15) * Math.exp(-0.5), 3);
    expect(interval(plan, '09:00').predictedServiceLevel).toBeCloseTo(0.6765, 4);

    // A share for that one day overrides the service's: 30 × 0.25 = 7.5 bookable minutes.
    expectStatus(await sys.triage.as(f.tokens.admin).put(`/sites/${f.siteId}/services/${f.serviceId}/booking-share`, { share: 0.25, date: DATE }), 200);
    const overridden = (await staff.get(`/sites/${f.siteId}/appointment-plan?date=${DATE}`)).body.services[0];
    expect(overridden).toMatchObject({ share: 0.25, shareSource: 'day' });
    expect(interval(overridden, '12:00')).toMatchObject({ bookableMinutes: 7.5, share: 0.25 });
    // Walk-ins now work at 3/4 pace: 13⅓ min each, a = 8/9 on 2 counters; higher than at 0.5.
    expect(interval(overridden, '09:00').predictedServiceLevel).toBeGreaterThan(0.6765);
  });

  it('computes the share from the walk-in forecast: the largest in 5 % steps that keeps 80 % within 15 minutes, at most 0.8', async () => {
    const f = await seed(null);
    const res = await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/appointment-plan?date=${DATE}`);
    expectStatus(res, 200);
    const plan = res.body.services[0];
    expect(plan.shareSource).toBe('computed');
    // No walk-ins forecast: the most any default gives away, 0.8 → 30 × 0.8 = 24 minutes.
    expect(interval(plan, '08:00')).toMatchObject({ share: 0.8, bookableMinutes: 24, walkInForecast: 0, predictedServiceLevel: 1 });
    // 09–10 (4 walk-ins an hour of 10 minutes, two counters): at 0.45 a walk-in takes 10/0.55 = 18.2 min, a = 1.212,
    // P(wait) = 0.457, level = 1 − 0.457·e^(−0.65) = 0.761 < 0.8; at 0.40: 16.7 min, a = 1.111, P(wait) = 0.397,
    // level = 1 − 0.397·e^(−0.8) = 0.822 ≥ 0.8. So 0.4, and 30 × 0.4 = 12 minutes.
    expect(interval(plan, '09:00')).toMatchObject({ share: 0.4, bookableMinutes: 12, walkInForecast: 1 });
    expect(interval(plan, '09:00').predictedServiceLevel).toBeCloseTo(0.822, 3);
    expect(plan.intervals.filter((i: any) => i.share === 0.4).map((i: any) => i.startsAt)).toEqual(['09:00', '09:15', '09:30', '09:45'].map(at));
    // The day's share: (4 × 12 + 28 × 24) / (32 × 30) = 720 / 960 = 0.75.
    expect(plan.share).toBe(0.75);
  });

  it('shows a closed day with nothing bookable; a day the site is closed has no intervals', async () => {
    const f = await seed(0.5);
    const supervisor = sys.ticketing.as(f.tokens.supervisor);
    expectStatus(await supervisor.post(`/sites/${f.siteId}/closures`, { date: DATE, serviceId: f.serviceId }), 201);
    const closed = (await supervisor.get(`/sites/${f.siteId}/appointment-plan?date=${DATE}`)).body.services[0];
    expect(closed.closed).toBe(true);
    expect(closed.intervals.every((i: any) => i.bookableMinutes === 0)).toBe(true);
    // Saturday: the site is closed, the plan has no counters.
    const saturday = (await supervisor.get(`/sites/${f.siteId}/appointment-plan?date=2027-03-27`)).body;
    expect(saturday).toEqual({ date: '2027-03-27', services: [expect.objectContaining({ serviceId: f.serviceId, intervals: [] })] });
  });

  it('is for the site’s supervisors and administrators only, and refuses a malformed date', async () => {
    const f = await seed(0.5);
    const other = await seedBookableSite(sys, { counters: 1 });
    const path = `/sites/${f.siteId}/appointment-plan?date=${DATE}`;
    expectStatus(await sys.ticketing.as(f.tokens.admin).get(path), 200);
    for (const token of [f.tokens.floor, f.tokens.counter, f.tokens.kiosk, other.tokens.supervisor]) expectStatus(await sys.ticketing.as(token).get(path), 403);
    expectStatus(await sys.ticketing.get(path), 401);
    for (const date of ['22-03-2027', '2027-02-30', 'x']) {
      const bad = await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/appointment-plan?date=${date}`);
      expect([bad.status, bad.body.error?.code]).toEqual([400, 'invalid_date']);
    }
    // Today when no date is given.
    expect((await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/appointment-plan`)).body.date).toBe(DATE);
  });
});
