/**
 * Time correctness (issue 19 item 10, API.md "Details fixed for every client"):
 * answers carry the site's offset (+01:00 in winter, +02:00 in summer, also on
 * the days the clocks change), the spring-forward gap is never offered, the
 * autumn hour that repeats is offered once per real instant, afternoon times
 * do not shift on those days, and `from`/`to` are inclusive site dates, at most
 * 62 days per request.
 */
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SPRING = '2027-03-28'; // Sunday: 02:00 becomes 03:00 (and Easter Sunday, opened by an exception)
const AUTUMN = '2027-10-31'; // Sunday: 03:00 becomes 02:00

/** A site open every day `opens`–`closes` (Easter Sunday opened too), one counter planned the same hours. */
async function seedEveryDay(sys: TestSystem, opens: string, closes: string, timezone?: string): Promise<BookableSite> {
  const hours = [{ opens, closes }];
  const openingHours = { weekly: Object.fromEntries(EVERY_DAY.map((d) => [d, hours])), exceptions: [{ date: SPRING, intervals: hours }] };
  const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, maxDaysAhead: 366, openingHours, timezone, plan: { weekly: {} } });
  const entries = [{ counterId: f.counters[0].id, opens, closes }];
  expectStatus(await sys.triage.as(f.tokens.admin).put(`/sites/${f.siteId}/counter-plan`, { weekly: Object.fromEntries(EVERY_DAY.map((d) => [d, entries])) }), 200);
  return f;
}

describe('times and zones', () => {
  let sys: TestSystem;
  // Saturday 20 March 2027, 08:00 in Copenhagen.
  const clock = new SettableClock(new Date('2027-03-20T07:00:00Z'));
  beforeAll(async () => {
    sys = await startSystem({ clock });
  });
  afterAll(() => sys.stop());

  const days = async (f: BookableSite, from: string, to = from) => {
    const r = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${from}&to=${to}`);
    expectStatus(r, 200);
    return r.body as { timezone: string; days: { date: string; slots: { startsAt: string; endsAt: string }[] }[] };
  };
  const times = async (f: BookableSite, date: string) => (await days(f, date)).days[0].slots.map((s) => s.startsAt);
  const wall = (t: string) => t.slice(11, 19);

  it('writes +01:00 in winter and +02:00 in summer, also on the days the clocks change, at the same wall times', async () => {
    const f = await seedEveryDay(sys, '08:00', '16:00');
    const expected = Array.from({ length: 32 }, (_, i) => `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00`);
    for (const [date, offset] of [['2027-03-21', '+01:00'], [SPRING, '+02:00'], ['2027-10-24', '+02:00'], [AUTUMN, '+01:00']]) {
      const list = await times(f, date);
      expect({ date, walls: list.map(wall) }).toEqual({ date, walls: expected });
      expect(list.every((t) => t.startsWith(date) && t.endsWith(offset))).toBe(true);
    }
    const slot = (await days(f, SPRING)).days[0].slots[24];
    expect(slot).toEqual({ startsAt: `${SPRING}T14:00:00+02:00`, endsAt: `${SPRING}T14:15:00+02:00` });

    // A time sent in UTC is the same instant; every answer writes it with the site's offset.
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `${SPRING}T12:00:00Z` });
    expectStatus(booked, 201);
    expect(booked.body).toMatchObject({ startsAt: `${SPRING}T14:00:00+02:00`, endsAt: `${SPRING}T14:15:00+02:00` });
    const managed = await sys.ticketing.get(`/public/appointments/${booked.body.manageToken}`);
    expect(managed.body).toMatchObject({ startsAt: `${SPRING}T14:00:00+02:00`, cancelCutoffAt: `${SPRING}T12:00:00+02:00` });
    const list = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=${SPRING}`);
    expect(list.body.map((a: { startsAt: string }) => a.startsAt)).toEqual([`${SPRING}T14:00:00+02:00`]);

    const winter = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `${AUTUMN}T15:45:00+01:00` });
    expectStatus(winter, 201);
    expect(winter.body).toMatchObject({ startsAt: `${AUTUMN}T15:45:00+01:00`, endsAt: `${AUTUMN}T16:00:00+01:00` });
    // The wall time with the summer offset is another instant (07:00 in winter time, before the opening): not one of the times.
    const wrongOffset = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `${AUTUMN}T08:00:00+02:00` });
    expectStatus(wrongOffset, 422);
    expect(wrongOffset.body.error.code).toBe('off_grid');
  });

  it('a site open at night: the spring gap is never offered and the repeated autumn hour once per real instant', async () => {
    const f = await seedEveryDay(sys, '00:00', '24:00');
    const spring = await times(f, SPRING);
    expect(spring).toHaveLength(23 * 4);
    expect(spring.filter((t) => t.startsWith(`${SPRING}T02:`))).toEqual([]);
    const gap = spring.indexOf(`${SPRING}T01:45:00+01:00`);
    expect(spring.slice(gap, gap + 2)).toEqual([`${SPRING}T01:45:00+01:00`, `${SPRING}T03:00:00+02:00`]);
    expect(spring[spring.length - 1]).toBe(`${SPRING}T23:45:00+02:00`);

    const autumn = await times(f, AUTUMN);
    expect(autumn).toHaveLength(25 * 4);
    expect(new Set(autumn.map((t) => Date.parse(t))).size).toBe(100);
    expect(autumn.filter((t) => t.startsWith(`${AUTUMN}T02:30`))).toEqual([`${AUTUMN}T02:30:00+02:00`, `${AUTUMN}T02:30:00+01:00`]);
    // Every time is 15 real minutes after the one before.
    for (const list of [spring, autumn]) {
      expect(list.slice(1).every((t, i) => Date.parse(t) - Date.parse(list[i]) === 15 * 60_000)).toBe(true);
    }
    // Afternoon times are where they are on any other day.
    expect(spring).toContain(`${SPRING}T14:00:00+02:00`);
    expect(autumn).toContain(`${AUTUMN}T14:00:00+01:00`);

    // The second 02:30 is its own time: booking it leaves the first free.
    const second = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `${AUTUMN}T02:30:00+01:00` });
    expectStatus(second, 201);
    expect(second.body.startsAt).toBe(`${AUTUMN}T02:30:00+01:00`);
    const after = await times(f, AUTUMN);
    expect(after).toContain(`${AUTUMN}T02:30:00+02:00`);
    expect(after).not.toContain(`${AUTUMN}T02:30:00+01:00`);
    // "02:30+01:00" on the spring day is a real instant, 03:30 summer time: it books that time and says so.
    const written = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `${SPRING}T02:30:00+01:00` });
    expectStatus(written, 201);
    expect(written.body.startsAt).toBe(`${SPRING}T03:30:00+02:00`);
  });

  it('writes the offset of the site’s own zone (Faroe Islands: +00:00 in winter)', async () => {
    const f = await seedEveryDay(sys, '09:00', '12:00', 'Atlantic/Faroe');
    const r = await days(f, '2027-03-22');
    expect(r.timezone).toBe('Atlantic/Faroe');
    expect(r.days[0].slots[0]).toEqual({ startsAt: '2027-03-22T09:00:00+00:00', endsAt: '2027-03-22T09:15:00+00:00' });
    expect((await times(f, '2027-04-05'))[0]).toBe('2027-04-05T09:00:00+01:00');
  });

  it('takes from and to as inclusive site dates, from today on, at most 62 days per request', async () => {
    const f = await seedEveryDay(sys, '08:00', '16:00');
    expect((await days(f, '2027-03-23')).days.map((d) => d.date)).toEqual(['2027-03-23']);
    expect((await days(f, '2027-03-22', '2027-03-24')).days.map((d) => d.date)).toEqual(['2027-03-22', '2027-03-23', '2027-03-24']);
    // Days before the site's today are left out.
    expect((await days(f, '2027-03-18', '2027-03-21')).days.map((d) => d.date)).toEqual(['2027-03-20', '2027-03-21']);
    // Saturday 20 March, 08:00, no minimum notice: the time beginning now is not listed (booking it is 422 in_the_past).
    expect((await times(f, '2027-03-20'))[0]).toBe('2027-03-20T08:15:00+01:00');
    const now = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-20T08:00:00+01:00' });
    expect([now.status, now.body.error.code]).toEqual([422, 'in_the_past']);

    const sixtyTwo = await days(f, '2027-04-01', '2027-06-01');
    expect(sixtyTwo.days).toHaveLength(62);
    expect([sixtyTwo.days[0].date, sixtyTwo.days[61].date]).toEqual(['2027-04-01', '2027-06-01']);
    const tooLong = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-04-01&to=2027-06-02`);
    expectStatus(tooLong, 400);
    expect(tooLong.body.error).toMatchObject({ code: 'range_too_long', details: { maxDays: 62 } });
    const backwards = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-04-02&to=2027-04-01`);
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_range']);
  });
});
