import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { OpeningInterval } from '../time/opening-hours';
import { parseClock } from '../time/zoned-time';
import { CapacityCounter, ServiceDayCapacity, ServiceDayInput, serviceDayCapacity } from './capacity';
import type { CounterPlanEntry } from './counter-plan';

/**
 * Booking capacity as properties over random counter plans: never negative,
 * never more than the bookable minutes reached, nothing rounded away but the
 * tail after the day's last slot, and no slot where nobody serves. DST days in
 * Europe/Copenhagen both ways, with 24-hour and normal plans.
 */
const CPH = 'Europe/Copenhagen';
const SERVICES = ['s1', 's2', 's3'];
const EPS = 1e-9;
const SPRING = '2027-03-28'; // 02:00 → 03:00: a 23-hour day
const AUTUMN = '2027-10-31'; // 03:00 → 02:00: a 25-hour day
const NORMAL = '2027-03-23';
const clockOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const wall = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(CPH);

interface Scenario {
  date: string;
  opening: OpeningInterval[];
  counters: CapacityCounter[];
  entries: CounterPlanEntry[];
  serviceId: string;
  length: number;
  shares: number[];
}

/**
 * The oracle: bookable minutes per real minute of the day, read minute by
 * minute from the wall clock each real minute shows (not by converting the
 * plan's ranges, as the code does).
 */
function oracle(s: Scenario) {
  const { t0, walls } = wallMinutes(s.date);
  const rate: number[] = [];
  const bookable: number[] = [];
  for (let m = 0; m < walls.length; m++) {
    const w = walls[m];
    const open = s.opening.some((o) => parseClock(o.opens) <= w && w < parseClock(o.closes));
    let r = 0;
    for (const e of s.entries) {
      const c = s.counters.find((x) => x.id === e.counterId)!;
      if (open && c.serviceIds.includes(s.serviceId) && parseClock(e.opens) <= w && w < parseClock(e.closes)) r += c.seats / c.serviceIds.length;
    }
    rate.push(r);
    bookable.push(r * shareAt(s, m));
  }
  const cumulative = [0];
  for (const b of bookable) cumulative.push(cumulative[cumulative.length - 1] + b);
  return { t0, rate, cumulative, total: cumulative[cumulative.length - 1] };
}

const wallCache = new Map<string, { t0: number; walls: number[] }>();
/** The wall-clock minute (0–1439) each real minute of the site's day shows. */
function wallMinutes(date: string) {
  let hit = wallCache.get(date);
  if (!hit) {
    const dayStart = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: CPH });
    const walls: number[] = [];
    for (let at = dayStart; Temporal.ZonedDateTime.compare(at, dayStart.add({ days: 1 })) < 0; at = at.add({ minutes: 1 })) walls.push(at.hour * 60 + at.minute);
    hit = { t0: dayStart.epochMilliseconds, walls };
    wallCache.set(date, hit);
  }
  return hit;
}

/** Where the stretch of service holding minute `m` began: just after the last minute before it nobody served. */
function stretchStart(rate: readonly number[], m: number): number {
  let from = m;
  while (from > 0 && rate[from - 1] > 0) from--;
  return from;
}

const shareAt = (s: Scenario, minute: number) => s.shares[Math.floor(minute / 15) % s.shares.length];

function run(s: Scenario, intervalMinutes?: number): ServiceDayCapacity {
  const t0 = Temporal.PlainDate.from(s.date).toZonedDateTime({ timeZone: CPH }).epochMilliseconds;
  const input: ServiceDayInput = {
    date: s.date,
    timeZone: CPH,
    opening: s.opening,
    entries: s.entries,
    counters: new Map(s.counters.map((c) => [c.id, c])),
    serviceId: s.serviceId,
    appointmentMinutes: s.length,
    share: ({ start }) => shareAt(s, Math.round((start.epochMilliseconds - t0) / 60_000)),
    intervalMinutes,
  };
  return serviceDayCapacity(input);
}

/** Up to three non-overlapping [opens, closes) ranges on a 5-minute grid between 06:00 and 20:00. */
const ranges = (min: number, max: number) =>
  fc
    .uniqueArray(fc.integer({ min: 72, max: 240 }), { minLength: 2 * min, maxLength: 2 * max })
    .filter((cuts) => cuts.length % 2 === 0)
    .map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b).map((c) => c * 5);
      const out: [string, string][] = [];
      for (let i = 0; i < sorted.length; i += 2) out.push([clockOf(sorted[i]), clockOf(sorted[i + 1])]);
      return out;
    });

const scenario = (date: fc.Arbitrary<string>) =>
  fc
    .record({
      date,
      opening: fc.oneof(
        fc.constant<OpeningInterval[]>([{ opens: '08:00', closes: '16:00' }]),
        fc.constant<OpeningInterval[]>([{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '18:00' }]),
        ranges(1, 3).map((rs) => rs.map(([opens, closes]) => ({ opens, closes }))),
      ),
      counters: fc.array(
        fc.record({ seats: fc.integer({ min: 1, max: 3 }), serviceIds: fc.subarray(SERVICES, { minLength: 1 }), ranges: ranges(0, 3) }),
        { minLength: 1, maxLength: 4 },
      ),
      serviceId: fc.constantFrom(...SERVICES),
      length: fc.oneof(fc.constantFrom(5, 10, 15, 20, 30, 40, 45, 60), fc.integer({ min: 5, max: 120 })),
      shares: fc.array(fc.oneof(fc.constantFrom(0, 0.25, 0.5, 0.8, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 }),
    })
    .map(({ counters, ...rest }): Scenario => ({
      ...rest,
      counters: counters.map((c, i) => ({ id: `c${i}`, seats: c.seats, serviceIds: c.serviceIds })),
      entries: counters.flatMap((c, i) => c.ranges.map(([opens, closes]) => ({ counterId: `c${i}`, opens, closes }))),
    }));

describe('booking capacity from the counter plan (properties)', () => {
  const anyDay = fc.constantFrom(NORMAL, SPRING, AUTUMN);

  it('no slot capacity is negative; within a stretch of service, the slots up to any point hold exactly the whole appointments its bookable minutes reach by then', () => {
    fc.assert(
      fc.property(scenario(anyDay), (s) => {
        const { slots } = run(s);
        const o = oracle(s);
        let held = 0;
        let stretch = -1;
        for (const slot of slots) {
          expect(Number.isInteger(slot.capacity)).toBe(true);
          expect(slot.capacity).toBeGreaterThanOrEqual(0);
          const from = stretchStart(o.rate, (slot.startsAt - o.t0) / 60_000);
          if (from !== stretch) [stretch, held] = [from, 0];
          held += slot.capacity;
          const end = (slot.endsAt - o.t0) / 60_000;
          // Never more than the stretch's bookable minutes by then allow, and never one fewer.
          expect(held).toBe(Math.floor((o.cumulative[end] - o.cumulative[from]) / s.length + EPS));
        }
      }),
      { numRuns: 120 },
    );
  });

  it('the slots sum to at most floor(total bookable / length), exactly that when the service is served without a break and the last time ends at the closing', () => {
    fc.assert(
      fc.property(scenario(anyDay), (s) => {
        const { slots, intervals } = run(s);
        const o = oracle(s);
        const sum = slots.reduce((n, x) => n + x.capacity, 0);
        const fromIntervals = intervals.reduce((n, i) => n + i.bookableMinutes, 0);
        expect(fromIntervals).toBeCloseTo(o.total, 6);
        expect(sum).toBeLessThanOrEqual(Math.floor(o.total / s.length + EPS));
        if (!slots.length) return;
        const lastEnd = (slots[slots.length - 1].endsAt - o.t0) / 60_000;
        const unbroken = stretchStart(o.rate, lastEnd - 1) === o.rate.findIndex((r) => r > 0);
        if (unbroken && o.total - o.cumulative[lastEnd] < EPS) expect(sum).toBe(Math.floor(o.total / s.length + EPS));
      }),
      { numRuns: 120 },
    );
  });

  it('every slot lies where the service is served for all of its minutes: never across a lunch break or a closing', () => {
    fc.assert(
      fc.property(scenario(anyDay), (s) => {
        const { slots } = run(s);
        const o = oracle(s);
        let previousEnd = -Infinity;
        for (const slot of slots) {
          expect(slot.endsAt - slot.startsAt).toBe(s.length * 60_000);
          expect(slot.startsAt).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = slot.endsAt;
          const from = (slot.startsAt - o.t0) / 60_000;
          expect(o.rate.slice(from, from + s.length).filter((r) => r <= 0)).toEqual([]);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('a counter shared by services splits its minutes: at share 1 the services together get exactly the seat-minutes planned', () => {
    fc.assert(
      fc.property(scenario(anyDay), (s) => {
        // Seat-minutes planned while the site is open, counted by the wall clock of every real minute.
        let seatMinutes = 0;
        for (const w of wallMinutes(s.date).walls) {
          if (!s.opening.some((x) => parseClock(x.opens) <= w && w < parseClock(x.closes))) continue;
          for (const e of s.entries) if (parseClock(e.opens) <= w && w < parseClock(e.closes)) seatMinutes += s.counters.find((c) => c.id === e.counterId)!.seats;
        }
        const perService = SERVICES.map((id) => run({ ...s, serviceId: id, shares: [1] }).intervals.reduce((n, i) => n + i.bookableMinutes, 0));
        expect(perService.reduce((a, b) => a + b, 0)).toBeCloseTo(seatMinutes, 6);
      }),
      { numRuns: 60 },
    );
  });

  it('the intervals are 15 minutes of real time, even on the 23- and 25-hour days', () => {
    fc.assert(
      fc.property(scenario(anyDay), (s) => {
        for (const i of run(s).intervals) {
          expect(i.endsAt - i.startsAt).toBe(15 * 60_000);
          expect(i.bookableMinutes).toBeGreaterThanOrEqual(0);
          expect(i.bookableMinutes).toBeLessThanOrEqual(i.counterMinutes + EPS);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('booking capacity, examples', () => {
  const oneCounter = (opening: OpeningInterval[], entries: [string, string][], length: number, share: number, date = NORMAL): Scenario => ({
    date,
    opening,
    counters: [{ id: 'c0', seats: 1, serviceIds: ['s1'] }],
    entries: entries.map(([opens, closes]) => ({ counterId: 'c0', opens, closes })),
    serviceId: 's1',
    length,
    shares: [share],
  });

  it('a 40-minute case on one counter at share 0.5 gets every other slot', () => {
    const c = run(oneCounter([{ opens: '08:00', closes: '16:00' }], [['08:00', '16:00']], 40, 0.5));
    expect(c.slots.map((x) => x.capacity)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('no time straddles the lunch break: the grid starts again when the counter reopens', () => {
    // 25-minute times from 08:00 reach 11:45; 11:45–12:10 would run into the break (found by the properties above).
    const c = run(oneCounter([{ opens: '08:00', closes: '12:00' }, { opens: '13:00', closes: '16:00' }], [['08:00', '16:00']], 25, 0.55));
    for (const x of c.slots) expect(wall(x.endsAt).hour < 12 || (wall(x.endsAt).hour === 12 && wall(x.endsAt).minute === 0) || wall(x.startsAt).hour >= 13).toBe(true);
    expect(c.slots.some((x) => wall(x.startsAt).hour === 13 && wall(x.startsAt).minute === 0)).toBe(true);
    // Each stretch books its own minutes up to its last whole time: 08:00–11:45 at 0.55 → 4 times, 13:00–15:55 → 3.
    expect(c.slots.reduce((n, x) => n + x.capacity, 0)).toBe(Math.floor((225 * 0.55) / 25 + EPS) + Math.floor((175 * 0.55) / 25 + EPS));
  });

  it('a plan in pieces shorter than a time does not pile their minutes onto the next time that fits', () => {
    const pieces: [string, string][] = [['08:00', '08:10'], ['08:20', '08:30'], ['08:40', '08:50'], ['09:00', '09:10'], ['12:00', '16:00']];
    const c = run(oneCounter([{ opens: '08:00', closes: '16:00' }], pieces, 15, 1));
    expect(c.slots[0]).toMatchObject({ startsAt: Temporal.ZonedDateTime.from(`${NORMAL}T12:00[${CPH}]`).epochMilliseconds, capacity: 1 });
    expect(c.slots.every((x) => x.capacity === 1)).toBe(true);
    expect(c.slots).toHaveLength(16);
  });
});

describe('booking capacity on DST days in Europe/Copenhagen', () => {
  const allDay = (date: string, length: number, seats = 1): Scenario => ({
    date,
    opening: [{ opens: '00:00', closes: '24:00' }],
    counters: [{ id: 'c0', seats, serviceIds: ['s1'] }],
    entries: [{ counterId: 'c0', opens: '00:00', closes: '24:00' }],
    serviceId: 's1',
    length,
    shares: [1],
  });
  const workday = (date: string, length: number): Scenario => ({ ...allDay(date, length), opening: [{ opens: '08:00', closes: '16:00' }], entries: [{ counterId: 'c0', opens: '08:00', closes: '16:00' }] });
  const wallTimes = (c: ServiceDayCapacity) => c.slots.filter((x) => x.capacity > 0).map((x) => wall(x.startsAt).toString({ timeZoneName: 'never' }).slice(11, 16));
  const afternoon = (c: ServiceDayCapacity) => wallTimes(c).filter((t) => t >= '12:00');
  const dividesHour = fc.constantFrom(5, 10, 15, 20, 30, 60);

  it('spring forward, 24-hour plan: no slot starts in the missing hour, the day has 23 hours of slots, afternoon times keep their wall time', () => {
    fc.assert(
      fc.property(dividesHour, fc.integer({ min: 1, max: 3 }), (length, seats) => {
        const c = run(allDay(SPRING, length, seats));
        const starts = c.slots.map((x) => wall(x.startsAt));
        expect(starts.some((z) => z.hour === 2)).toBe(false);
        expect(c.slots).toHaveLength(Math.floor((23 * 60) / length));
        expect(c.slots.every((x) => x.capacity === seats)).toBe(true);
        expect(afternoon(c)).toEqual(afternoon(run(allDay('2027-03-21', length, seats))));
        expect(wallTimes(c)).toContain('13:00');
      }),
      { numRuns: 20 },
    );
  });

  it('fall back, 24-hour plan: the repeated hour is offered once per real instant (twice by the wall clock), afternoon times keep their wall time', () => {
    fc.assert(
      fc.property(dividesHour, (length) => {
        const c = run(allDay(AUTUMN, length));
        const instants = c.slots.map((x) => x.startsAt);
        expect(new Set(instants).size).toBe(instants.length);
        expect(c.slots).toHaveLength(Math.floor((25 * 60) / length));
        const repeated = c.slots.map((x) => wall(x.startsAt)).filter((z) => z.hour === 2);
        expect(repeated).toHaveLength(2 * Math.ceil(60 / length));
        expect(new Set(repeated.map((z) => z.offset))).toEqual(new Set(['+02:00', '+01:00']));
        // Each wall time of the repeated hour twice, once per offset.
        const byWall = new Map<string, string[]>();
        for (const z of repeated) byWall.set(z.toPlainTime().toString(), [...(byWall.get(z.toPlainTime().toString()) ?? []), z.offset]);
        for (const offsets of byWall.values()) expect(offsets.sort()).toEqual(['+01:00', '+02:00']);
        expect(afternoon(c)).toEqual(afternoon(run(allDay('2027-10-24', length))));
        expect(wallTimes(c)).toContain('13:00');
      }),
      { numRuns: 12 },
    );
  });

  it('any length on a 24-hour plan: the afternoon keeps the wall times of any other day, both ways (40 minutes: 13:20, not 13:40)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), (length) => {
        for (const [dst, normal] of [[SPRING, '2027-03-21'], [AUTUMN, '2027-10-24']]) {
          const c = run(allDay(dst, length));
          const instants = c.slots.map((x) => x.startsAt);
          expect(new Set(instants).size).toBe(instants.length);
          expect(c.slots.every((x, i) => i === 0 || x.startsAt >= c.slots[i - 1].endsAt)).toBe(true);
          expect(c.slots.some((x) => wall(x.startsAt).hour === 2 && dst === SPRING)).toBe(false);
          expect(afternoon(c)).toEqual(afternoon(run(allDay(normal, length))));
        }
      }),
      { numRuns: 30 },
    );
    expect(afternoon(run(allDay(SPRING, 40))).slice(0, 4)).toEqual(['12:00', '12:40', '13:20', '14:00']);
  });

  it('15-minute times on the fall-back day: 02:00+02:00, 02:15+02:00 … 02:45+01:00 are eight distinct times', () => {
    const repeated = run(allDay(AUTUMN, 15)).slots.map((x) => wall(x.startsAt)).filter((z) => z.hour === 2).map((z) => z.toString({ timeZoneName: 'never' }).slice(11));
    expect(repeated).toEqual(['02:00:00+02:00', '02:15:00+02:00', '02:30:00+02:00', '02:45:00+02:00', '02:00:00+01:00', '02:15:00+01:00', '02:30:00+01:00', '02:45:00+01:00']);
  });

  it('a normal 08–16 plan on either DST day gives the same wall times as any other day, for any length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.constantFrom(0.3, 0.5, 0.75, 1), (length, share) => {
        for (const [dst, normal] of [[SPRING, '2027-03-21'], [AUTUMN, '2027-10-24']]) {
          const a = run({ ...workday(dst, length), shares: [share] });
          const b = run({ ...workday(normal, length), shares: [share] });
          expect(wallTimes(a)).toEqual(wallTimes(b));
          expect(a.slots.map((x) => x.capacity)).toEqual(b.slots.map((x) => x.capacity));
          for (const z of a.slots.map((x) => wall(x.startsAt))) expect(z.offset).toBe(dst === SPRING ? '+02:00' : '+01:00');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a plan opening at 01:00 across the spring gap steps from 01:45 to 03:00 in real time', () => {
    const s: Scenario = { ...allDay(SPRING, 15), opening: [{ opens: '01:00', closes: '05:00' }], entries: [{ counterId: 'c0', opens: '01:00', closes: '05:00' }] };
    expect(wallTimes(run(s))).toEqual(['01:00', '01:15', '01:30', '01:45', '03:00', '03:15', '03:30', '03:45', '04:00', '04:15', '04:30', '04:45']);
  });
});
