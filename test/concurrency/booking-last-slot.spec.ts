import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { overbooked, slotUse } from '../support/booking-capacity-check';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(180_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1): before the site opens; every time that day is ahead.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const DATE = '2027-03-22';
/** The moves race on Tuesday, whose times are all beyond the two-hour cut-off for changes. */
const TUESDAY = '2027-03-23';
const at = (clock: string, date = DATE) => `${date}T${clock}:00+01:00`;
const clockOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort((a, b) => a - b);
const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

/**
 * Holding a time is one call of skranke_book_appointment, which locks the
 * service's day row before it counts and inserts: however many citizens,
 * kiosks and staff press at once, on however many instances, a time is never
 * given out beyond its capacity. Two ticketing instances share one database;
 * every round is checked in the database against the capacity the domain code
 * computes.
 */
describe('the last free time of an interval, wanted by many at once, goes to exactly one', () => {
  let sys: TestSystem;
  let second: { app: INestApplication; api: Api };
  let f: BookableSite;
  let db: Client;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  /** The two ticketing instances. */
  let instances: Api[];
  const app = () => second.app;
  /** Who won each race of a booking against a move. */
  const outcomes = { booking: 0, move: 0 };

  beforeAll(async () => {
    sys = await startSystem({ clock });
    second = await sys.startExtra('ticketing', { RUN_WORKERS: 'false' });
    instances = [sys.ticketing, second.api];
    // Two counters 08–16 at share 1: every 15-minute time holds two bookings.
    f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys.stop();
  });

  const publicBook = (api: Api, startsAt: string, headers: Record<string, string> = {}) =>
    api.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt }, headers);
  const kioskBook = (api: Api, startsAt: string) => api.as(f.tokens.kiosk).post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt });
  const staffBook = (api: Api, startsAt: string) => api.as(f.tokens.floor).post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt });
  const move = (api: Api, token: string, startsAt: string) => api.post(`/public/appointments/${token}/move`, { startsAt });
  const bookingsAt = async (startsAt: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM appointment WHERE service_id = $1 AND starts_at = $2 AND status = 'booked'`, [f.serviceId, startsAt])).rows[0].n as number;
  const expectNothingOverbooked = async () => {
    for (const date of [DATE, TUESDAY, '2027-03-24']) expect(await overbooked(app(), f.siteId, f.serviceId, date, clock.now())).toEqual([]);
  };

  it('the fixture: 32 times of capacity 2 between 08:00 and 16:00, recomputed by the domain code', async () => {
    const use = await slotUse(app(), f.siteId, f.serviceId, DATE, clock.now());
    expect(use).toHaveLength(32);
    expect(use.every((s) => s.capacity === 2 && s.active === 0)).toBe(true);
  });

  it('20 rounds: 100 requests over two instances (citizens online, kiosks, staff) for the last place of a time give one 201 and 99 409 slot_taken', async () => {
    const figures: string[] = [];
    for (let round = 0; round < 20; round++) {
      const startsAt = at(clockOf(8 * 60 + 15 * round));
      // Fill the time to one place left.
      expectStatus(await publicBook(sys.ticketing, startsAt), 201);
      const started = Date.now();
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_v, i) => {
          const api = instances[i % 2];
          return i % 5 === 0 ? kioskBook(api, startsAt) : i % 5 === 1 ? staffBook(api, startsAt) : publicBook(api, startsAt, { 'Idempotency-Key': `round-${round}-request-${i}` });
        }),
      );
      const ms = Date.now() - started;
      expect({ round, statuses: [...new Set(statuses(replies))] }).toEqual({ round, statuses: [201, 409] });
      expect(count(replies, 201)).toBe(1);
      expect(count(replies, 409)).toBe(99);
      for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('slot_taken');
      const winner = replies.find((r) => r.status === 201)!;
      expect(winner.body.startsAt).toBe(startsAt);
      // In the database: the time is full, nothing anywhere holds more than its capacity.
      expect(await bookingsAt(startsAt)).toBe(2);
      await expectNothingOverbooked();
      figures.push(`${startsAt.slice(11, 16)} ${ms} ms`);
    }
    // The full times are no longer offered.
    const free = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${DATE}&to=${DATE}`);
    expectStatus(free, 200);
    expect(free.body.days[0].slots.map((s: { startsAt: string }) => s.startsAt)).toEqual(Array.from({ length: 12 }, (_v, i) => at(clockOf(13 * 60 + 15 * i))));
    console.log(`100 concurrent bookings per round over two instances:\n${figures.join('\n')}`);
  });

  it('a double tap (one Idempotency-Key sent twice at once, to both instances) makes one booking: 201 and a 200 replay of it', async () => {
    for (let round = 0; round < 5; round++) {
      const startsAt = at(clockOf(13 * 60 + 15 * round));
      const key = `double-tap-${round}`;
      const [a, b] = await Promise.all([publicBook(instances[0], startsAt, { 'Idempotency-Key': key }), publicBook(instances[1], startsAt, { 'Idempotency-Key': key })]);
      expect(statuses([a, b])).toEqual([200, 201]);
      expect(a.body.id).toBe(b.body.id);
      expect(a.body.bookingCode).toBe(b.body.bookingCode);
      expect([a, b].find((r) => r.status === 200)!.headers.get('idempotent-replayed')).toBe('true');
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM appointment WHERE idempotency_key = $1`, [key]);
      expect(rows[0].n).toBe(1);
      expect(await bookingsAt(startsAt)).toBe(1);
      await expectNothingOverbooked();
    }
  });

  it('one Idempotency-Key sent at once for two different days (a choice changed and sent again) still makes one booking, replayed to the other', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `changed-choice-${round}`;
      const times = [at(clockOf(14 * 60 + 15 + 15 * round)), at(clockOf(14 * 60 + 15 + 15 * round), '2027-03-24')];
      const replies = await Promise.all(times.map((t, i) => publicBook(instances[i], t, { 'Idempotency-Key': key })));
      expect(statuses(replies)).toEqual([200, 201]);
      expect(replies[0].body.id).toBe(replies[1].body.id);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM appointment WHERE idempotency_key = $1`, [key]);
      expect(rows[0].n).toBe(1);
    }
  });

  it('a key first used more than 24 hours ago books afresh (a kiosk that counts its presses from 1 again after a restart)', async () => {
    const startsAt = at('15:45');
    const first = await publicBook(sys.ticketing, startsAt, { 'Idempotency-Key': 'press-0001' });
    expectStatus(first, 201);
    await db.query(`UPDATE appointment SET created_at = created_at - interval '25 hours' WHERE id = $1`, [first.body.id]);
    const fresh = await publicBook(second.api, startsAt, { 'Idempotency-Key': 'press-0001' });
    expectStatus(fresh, 201);
    expect(fresh.body.id).not.toBe(first.body.id);
    // And a repeat now replays the new one.
    const again = await publicBook(sys.ticketing, startsAt, { 'Idempotency-Key': 'press-0001' });
    expectStatus(again, 200);
    expect(again.body.id).toBe(fresh.body.id);
    await expectNothingOverbooked();
  });

  it('two moves of different bookings onto the last free time: one moves, the other gets 409 slot_taken and stays where it was', async () => {
    for (let round = 0; round < 5; round++) {
      const target = at(clockOf(8 * 60 + 15 * round), TUESDAY);
      expectStatus(await publicBook(sys.ticketing, target), 201);
      const from = [at(clockOf(12 * 60 + 15 * round), TUESDAY), at(clockOf(12 * 60 + 15 * round), TUESDAY)];
      const mine = await Promise.all(from.map((t) => publicBook(sys.ticketing, t)));
      mine.forEach((r) => expectStatus(r, 201));
      const replies = await Promise.all(mine.map((r, i) => move(instances[i], r.body.manageToken, target)));
      expect(statuses(replies)).toEqual([200, 409]);
      const lost = replies.findIndex((r) => r.status === 409);
      expect(replies[lost].body.error.code).toBe('slot_taken');
      const won = 1 - lost;
      expect(replies[won].body).toMatchObject({ startsAt: target, bookingCode: mine[won].body.bookingCode, status: 'booked' });
      const stayed = await sys.ticketing.get(`/public/appointments/${mine[lost].body.manageToken}`);
      expect(stayed.body.startsAt).toBe(from[lost]);
      expect(await bookingsAt(target)).toBe(2);
      await expectNothingOverbooked();
    }
  });

  it('a booking and a move racing for the last free time: one gets it, the other 409 slot_taken', async () => {
    for (let round = 0; round < 6; round++) {
      const target = at(clockOf(10 * 60 + 15 * round), TUESDAY);
      const source = at(clockOf(14 * 60 + 15 * round), TUESDAY);
      expectStatus(await publicBook(sys.ticketing, target), 201);
      const moving = await publicBook(sys.ticketing, source);
      expectStatus(moving, 201);
      const [booked, moved] = await Promise.all([publicBook(instances[round % 2], target), move(instances[(round + 1) % 2], moving.body.manageToken, target)]);
      const won = [booked.status === 201, moved.status === 200];
      expect(won.filter(Boolean)).toHaveLength(1);
      const loser = won[0] ? moved : booked;
      expect(loser.status).toBe(409);
      expect(loser.body.error.code).toBe('slot_taken');
      outcomes[won[0] ? 'booking' : 'move']++;
      expect(await bookingsAt(target)).toBe(2);
      await expectNothingOverbooked();
    }
    console.log(`booking against move for the last place, winners: ${JSON.stringify(outcomes)}`);
  });

  it('one contact booking ten times at once (five days, two instances) holds at most the site’s limit of three', async () => {
    const g = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
    const days = ['2027-03-24', '2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02'];
    for (let round = 0; round < 3; round++) {
      const phone = `+45 20 30 40 ${String(50 + round)}`;
      const replies = await Promise.all(
        days.flatMap((d, i) =>
          [clockOf(9 * 60 + 15 * round), clockOf(12 * 60 + 15 * round)].map((c, j) =>
            instances[(i + j) % 2].post(`/public/sites/${g.slug}/appointments`, { serviceId: g.serviceId, startsAt: at(c, d).replace('+01:00', d >= '2027-03-28' ? '+02:00' : '+01:00'), contact: { phone } }),
          ),
        ),
      );
      expect(count(replies, 201)).toBe(3);
      expect(replies.filter((r) => r.status !== 201).map((r) => [r.status, r.body.error.code])).toEqual(Array(7).fill([422, 'contact_limit_reached']));
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM appointment WHERE site_id = $1 AND phone = $2 AND status = 'booked'`, [g.siteId, phone.replace(/ /g, '')]);
      expect(rows[0].n).toBe(3);
    }
  });

  it('after all the races, the day in the database: no time holds more than its capacity', async () => {
    const use = [];
    for (const date of [DATE, TUESDAY, '2027-03-24']) use.push(...(await slotUse(app(), f.siteId, f.serviceId, date, clock.now())));
    expect(use.filter((s) => s.active > s.capacity || s.held > s.capacity)).toEqual([]);
    // Monday: 20 × 2, 5 double taps, 5 changed choices on Monday or Wednesday, 2 at 15:45;
    // Tuesday: 5 × 3 for the moves, 6 × 2 and a booking per booking that won.
    const expected = 45 + 5 + 2 + 15 + 12 + outcomes.booking;
    expect(use.reduce((n, s) => n + s.active, 0)).toBe(expected);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM appointment WHERE service_id = $1 AND status = 'booked'`, [f.serviceId]);
    expect(rows[0].n).toBe(expected);
  });
});
