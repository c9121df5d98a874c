/**
 * Reports (2) intraday, (3) heat map, (4) wait distribution, (6) triage and (7) channels (KOMHEN) against figures
 * computed from the played plan (test/support/stat-days.ts): five days including both DST Sundays, so the time of
 * day must be the site's local time. One CSV parse-back (the heat map, decimal commas). Report (5) appointments on
 * a bookable site of its own: bookings made, checked in early, on time and late, served, cancelled and not kept,
 * played on the clock through the public booking API, the kiosk check-in and the counter.
 */
import { parse } from 'csv-parse/sync';
import { AppointmentLifecycleService } from '../../libs/jobs/src/appointment-lifecycle.service';
import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { PlannedVisit, PlayedSite, localInstant, playStatDays } from '../support/stat-days';
import { minutes, nearestRank, share, waitSeconds } from '../support/stat-expect';
import { TestSystem, startSystem } from '../support/system';

const FROM = '2026-03-01';
const TO = '2026-10-31';
const SITE = 'Borgerservice Vest';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Minutes after local midnight in Copenhagen, by Intl (independent of the system's SQL). */
function localMinute(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return get('hour') * 60 + get('minute');
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const slotOf = (at: Date, size: number) => Math.floor(localMinute(at) / size) * size;
const label = (start: number, size: number) => `${hhmm(start)}–${hhmm(start + size)}`;
const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** A visit's call counts in the intraday report: served (slips included) or no-show. */
const isCall = (v: PlannedVisit) => !!v.calledAt && ['served', 'no-show', 'mistaken'].includes(v.result);

describe('reports (2)–(7): intraday, heat map, wait distribution, appointments, triage, channels', () => {
  const clock = new SettableClock(new Date('2026-03-27T06:00:00Z'));
  let sys: TestSystem;
  let a: PlayedSite;
  let token: string;

  beforeAll(async () => {
    sys = await startSystem({ clock });
    a = await playStatDays(sys, clock, { seed: 21, name: SITE });
    clock.set(localInstant('2026-10-27', 10));
    token = a.fixture.tokens.supervisor;
  }, 300_000);
  afterAll(() => sys?.stop());

  const report = (id: string, query: string) =>
    sys.triage.as(token).get(`/reports/${id}?siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&${query}`);

  function intradayExpected(size: number, visits = a.visits) {
    const rows = [];
    const slots = new Set<number>();
    for (const v of visits) {
      slots.add(slotOf(v.issuedAt, size));
      if (isCall(v)) slots.add(slotOf(v.calledAt!, size));
    }
    const figures = (arrivals: PlannedVisit[], calls: PlannedVisit[]) => {
      const waits = calls.map(waitSeconds).filter((w): w is number => w !== null);
      return {
        arrived: arrivals.length,
        calls: calls.length,
        waitP50: minutes(nearestRank(waits, 0.5)),
        waitP90: minutes(nearestRank(waits, 0.9)),
        withinTargetPercent: share(waits.filter((w) => w <= 600).length, waits.length),
      };
    };
    for (const slot of [...slots].sort((x, y) => x - y)) {
      for (let s = 0; s < 3; s++) {
        const arrivals = visits.filter((v) => v.service === s && slotOf(v.issuedAt, size) === slot);
        const calls = visits.filter((v) => v.service === s && isCall(v) && slotOf(v.calledAt!, size) === slot);
        if (!arrivals.length && !calls.length) continue;
        rows.push({ timeOfDay: label(slot, size), site: SITE, service: `Ydelse ${s}`, ...figures(arrivals, calls) });
      }
    }
    const totals = { timeOfDay: null, site: null, service: null, ...figures(visits, visits.filter(isCall)) };
    return { rows, totals };
  }

  it('intraday by 15 minutes, 30 minutes and hour: every row equals the plan, in local time on the DST days too', async () => {
    for (const [interval, size] of [
      ['15min', 15],
      ['30min', 30],
      ['hour', 60],
    ] as const) {
      const res = await report('intraday', `interval=${interval}`);
      expectStatus(res, 200);
      const expected = intradayExpected(size);
      expect(res.body.rows).toEqual(expected.rows);
      expect(res.body.totals).toEqual(expected.totals);
    }
    // Each DST Sunday alone (summer time from 29 March, winter time from 25 October): its own local hours.
    for (const day of ['2026-03-29', '2026-10-25']) {
      const res = await sys.triage.as(token).get(`/reports/intraday?siteIds=${a.fixture.siteId}&from=${day}&to=${day}&interval=hour`);
      expectStatus(res, 200);
      const expected = intradayExpected(
        60,
        a.visits.filter((v) => v.date === day),
      );
      expect(res.body.rows).toEqual(expected.rows);
      expect(res.body.totals).toEqual(expected.totals);
      expect(res.body.rows[0].timeOfDay).toBe('08:00–09:00');
    }
    // The site opens 08:00–15:00 local every day: nothing may fall outside it, on the DST Sundays neither.
    const hour = await report('intraday', 'interval=hour');
    const slots = [...new Set(hour.body.rows.map((r: { timeOfDay: string }) => r.timeOfDay))] as string[];
    expect(slots[0]).toBe('08:00–09:00');
    expect(slots.every((s) => s >= '08:00' && s < '16:00')).toBe(true);
    const sundays = a.visits.filter((v) => v.date === '2026-03-29' || v.date === '2026-10-25');
    expect(sundays.every((v) => localMinute(v.issuedAt) >= 8 * 60)).toBe(true);
    expect(hour.body.totals.arrived).toBe(160);
    expect(hour.body.columns.map((c: { key: string }) => c.key)).toEqual([
      'timeOfDay',
      'site',
      'service',
      'arrived',
      'calls',
      'waitP50',
      'waitP90',
      'withinTargetPercent',
    ]);
    // The default interval is 15 minutes; by day is not an intraday interval.
    expect((await report('intraday', '')).body.filters.interval).toBe('15min');
    expect((await report('intraday', 'interval=day')).body.error.code).toBe('interval_not_supported');
  });

  function heatmapExpected() {
    const openDays = new Map<number, number>();
    for (const date of new Set(a.visits.map((v) => v.date))) openDays.set(isoWeekday(date), (openDays.get(isoWeekday(date)) ?? 0) + 1);
    const hours = new Set<number>();
    for (const v of a.visits) {
      hours.add(slotOf(v.issuedAt, 60));
      if (waitSeconds(v) !== null) hours.add(slotOf(v.calledAt!, 60));
    }
    return [...hours]
      .sort((x, y) => x - y)
      .map((hour) => {
        const row: Record<string, unknown> = { site: SITE, hourOfDay: label(hour, 60) };
        WEEKDAYS.forEach((d, i) => {
          const days = openDays.get(i + 1);
          const onDay = a.visits.filter((v) => isoWeekday(v.date) === i + 1);
          const arrived = onDay.filter((v) => slotOf(v.issuedAt, 60) === hour).length;
          const waits = onDay.filter((v) => waitSeconds(v) !== null && slotOf(v.calledAt!, 60) === hour).map((v) => waitSeconds(v)!);
          row[`arrivals${d}`] = days ? Math.round((arrived / days) * 10) / 10 : null;
          row[`p90${d}`] = minutes(nearestRank(waits, 0.9));
        });
        return row;
      });
  }

  it('heat map: hour × weekday of average arrivals per open day and p90 wait, local hours', async () => {
    const res = await report('heatmap', '');
    expectStatus(res, 200);
    expect(res.body.rows).toEqual(heatmapExpected());
    expect(res.body.totals).toBeNull();
    // Friday (27 March) was open once, Sunday and Monday twice (both DST Sundays and the Mondays after).
    const eight = res.body.rows.find((r: { hourOfDay: string }) => r.hourOfDay === '08:00–09:00');
    expect(eight.arrivalsTue).toBeNull();
    expect(typeof eight.arrivalsSun).toBe('number');
  });

  it('heat map as CSV (excel-da) parses back to the JSON, decimal commas and all', async () => {
    const json = (await report('heatmap', '')).body;
    const res = await fetch(`${sys.triage.baseUrl}/reports/heatmap?siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const text = Buffer.from(await res.arrayBuffer());
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: string[][] = parse(text.subarray(3).toString('utf8'), { delimiter: ';', relax_column_count: true });
    expect(lines[0]).toEqual(['Rapport', 'Travlhed pr. time og ugedag']);
    const header = lines.findIndex((l) => l[0] === 'Sted' && l[1] === 'Time');
    expect(lines[header]).toEqual(json.columns.map((c: { label: string }) => c.label));
    const body = lines
      .slice(header + 1, header + 1 + json.rows.length)
      .map((cells) =>
        Object.fromEntries(
          json.columns.map((c: { key: string; kind: string }, i: number) => [
            c.key,
            cells[i] === '' ? null : ['text', 'period'].includes(c.kind) ? cells[i] : Number(cells[i].replace(',', '.')),
          ]),
        ),
      );
    expect(body).toEqual(json.rows);
    expect(lines.flat().some((c) => /^\d+,\d$/.test(c))).toBe(true);
  });

  it('wait distribution: reliable waits in 0–5, 5–15, 15–30, 30–60, 60+ minutes per month × service, totals', async () => {
    const res = await report('wait-distribution', 'interval=month');
    expectStatus(res, 200);
    const bounds = [0, 5, 15, 30, 60, Infinity];
    const keys = ['wait0to5', 'wait5to15', 'wait15to30', 'wait30to60', 'wait60plus'];
    const figures = (visits: PlannedVisit[]) => {
      const waits = visits.map(waitSeconds).filter((w): w is number => w !== null);
      const row: Record<string, unknown> = { measuredWaits: waits.length };
      keys.forEach((k, i) => {
        const n = waits.filter((w) => w >= bounds[i] * 60 && w < bounds[i + 1] * 60).length;
        row[k] = n;
        row[`${k}Percent`] = share(n, waits.length);
      });
      return row;
    };
    const expected = [];
    for (const period of ['2026-03', '2026-10'])
      for (let s = 0; s < 3; s++) {
        const visits = a.visits.filter((v) => v.date.startsWith(period) && v.service === s);
        if (visits.some((v) => waitSeconds(v) !== null)) expected.push({ period, site: SITE, service: `Ydelse ${s}`, ...figures(visits) });
      }
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...figures(a.visits) });
    // More than one bucket is used, and the shares of a row add up to about 100.
    const total = res.body.totals;
    expect(keys.filter((k) => total[k] > 0).length).toBeGreaterThan(1);
    expect(Math.abs(keys.reduce((sum, k) => sum + total[`${k}Percent`], 0) - 100)).toBeLessThan(0.5);
  });

  it('triage: encounters by outcome per day with shares and referrals by target; totals', async () => {
    const res = await report('triage', 'interval=day');
    expectStatus(res, 200);
    const figures = (es: PlayedSite['encounters']) => {
      const n = (o: string) => es.filter((e) => e.outcome === o).length;
      const targets = new Map<string, number>();
      for (const e of es) if (e.referralTarget) targets.set(e.referralTarget, (targets.get(e.referralTarget) ?? 0) + 1);
      const breakdown = [...targets].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([t, c]) => `${t}: ${c}`);
      return {
        encounters: es.length,
        resolvedOnSpot: n('resolved-on-spot'),
        resolvedOnSpotPercent: share(n('resolved-on-spot'), es.length),
        sentToSelfService: n('self-service'),
        sentToSelfServicePercent: share(n('self-service'), es.length),
        referred: n('referred'),
        referredPercent: share(n('referred'), es.length),
        ticketGiven: 0,
        ticketGivenPercent: share(0, es.length),
        referralTargets: breakdown.length ? breakdown.join('; ') : null,
      };
    };
    const dates = [...new Set(a.encounters.map((e) => e.date))].sort();
    expect(res.body.rows).toEqual(dates.map((d) => ({ period: d, site: SITE, ...figures(a.encounters.filter((e) => e.date === d)) })));
    expect(res.body.totals).toEqual({ period: null, site: null, ...figures(a.encounters) });
    expect(a.encounters.some((e) => e.outcome === 'referred')).toBe(true);
  });

  it('channels (KOMHEN): personal contacts = walk-ins + booked + resolved at the entrance, per week', async () => {
    const res = await report('channels', 'interval=week');
    expectStatus(res, 200);
    const week = (date: string) =>
      ({
        '2026-03-27': '2026-W13',
        '2026-03-29': '2026-W13',
        '2026-03-30': '2026-W14',
        '2026-10-25': '2026-W43',
        '2026-10-26': '2026-W44',
      })[date]!;
    const figures = (visits: PlannedVisit[], floor: number) => ({
      personalContacts: visits.length + floor,
      walkInContacts: visits.length,
      bookedContacts: 0,
      floorResolvedContacts: floor,
      floorResolvedPercent: share(floor, visits.length + floor),
      bookedPercent: share(0, visits.length + floor),
    });
    const weeks = ['2026-W13', '2026-W14', '2026-W43', '2026-W44'];
    expect(res.body.rows).toEqual(
      weeks.map((w) => ({
        period: w,
        site: SITE,
        ...figures(
          a.visits.filter((v) => week(v.date) === w),
          a.encounters.filter((e) => week(e.date) === w).length,
        ),
      })),
    );
    expect(res.body.totals).toEqual({ period: null, site: null, ...figures(a.visits, a.encounters.length) });
  });

  /** Report (5)'s plan: bookings of Ydelse 0 on Monday 2 November 2026 (local times) and what became of each. */
  const BOOKINGS: {
    time: string;
    checkIn?: string;
    call?: string;
    end?: string;
    result: 'served' | 'no-show' | 'cancelled' | 'not-kept';
  }[] = [
    { time: '09:00', checkIn: '08:50', call: '09:02', end: '09:15', result: 'served' },
    { time: '09:15', checkIn: '09:12', call: '09:20', end: '09:30', result: 'served' },
    { time: '09:30', checkIn: '09:38', call: '09:40', end: '09:42', result: 'no-show' },
    { time: '09:45', result: 'not-kept' },
    { time: '10:00', result: 'cancelled' },
    { time: '10:15', checkIn: '10:20', call: '10:30', end: '10:40', result: 'served' },
    { time: '10:30', checkIn: '10:39', call: '10:41', end: '10:50', result: 'served' },
  ];
  /** Walk-in tickets drawn at the kiosk the same morning: [service, local time]. */
  const WALK_INS: [number, string][] = [
    [0, '09:05'],
    [1, '09:10'],
    [0, '09:25'],
    [0, '10:05'],
  ];
  const DAY = '2026-11-02';

  it('appointments: walk-ins against bookings, check-ins, no-show rate, punctuality and the wait from the booked time', async () => {
    const at = (time: string) => localInstant(DAY, Number(time.slice(0, 2)), Number(time.slice(3)));
    clock.set(at('07:00'));
    const f = await seedBookableSite(sys, { counters: 4, services: 2, minutes: 15, share: 0.8 });
    expectStatus(await sys.triage.as(f.tokens.admin).request('PATCH', `/sites/${f.siteId}`, { name: 'Borgerservice Bestil' }), 200);
    const staff = sys.ticketing.as(f.tokens.supervisor);
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    const desk = sys.counterDisplay[0].as(f.tokens.counter);
    const counter = f.counters[0].id;
    const booked = new Map<string, { code: string; manageToken?: string; ticket?: string }>();
    for (const b of BOOKINGS) {
      const body = { serviceId: f.serviceId, startsAt: at(b.time).toISOString() };
      // The cancelled one is booked and cancelled by the citizen through the public API; the others by staff.
      const res =
        b.result === 'cancelled'
          ? await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, body)
          : await staff.post(`/sites/${f.siteId}/appointments/book`, body);
      expectStatus(res, 201);
      booked.set(b.time, { code: res.body.bookingCode, manageToken: res.body.manageToken });
    }
    expect((await sys.ticketing.post(`/public/appointments/${booked.get('10:00')!.manageToken}/cancel`)).body.status).toBe('cancelled');
    type Step = { at: Date; run: () => Promise<void> };
    const steps: Step[] = [{ at: at('08:00'), run: async () => expectStatus(await desk.post(`/counters/${counter}/open`), 200) }];
    for (const [service, time] of WALK_INS)
      steps.push({
        at: at(time),
        run: async () => expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[service].id }), 201),
      });
    for (const b of BOOKINGS) {
      const mine = booked.get(b.time)!;
      if (b.checkIn)
        steps.push({
          at: at(b.checkIn),
          run: async () => {
            const res = await kiosk.post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: mine.code });
            expectStatus(res, 201);
            mine.ticket = res.body.id;
          },
        });
      if (b.call)
        steps.push({
          at: at(b.call),
          run: async () => expectStatus(await desk.post(`/counters/${counter}/call/${mine.ticket}`, { seat: 1 }), 200),
        });
      if (b.end)
        steps.push({
          at: at(b.end),
          run: async () =>
            expectStatus(
              b.result === 'no-show'
                ? await desk.post(`/tickets/${mine.ticket}/no-show`)
                : await desk.post(`/tickets/${mine.ticket}/finish`, { outcome: 'resolved' }),
              200,
            ),
        });
    }
    // The booking not kept becomes a no-show once its window (10 minutes) has passed.
    steps.push({ at: at('11:00'), run: async () => void (await sys.apps[0].get(AppointmentLifecycleService).markNoShows()) });
    steps.sort((x, y) => x.at.getTime() - y.at.getTime());
    for (const step of steps) {
      clock.set(step.at);
      await step.run();
    }
    clock.set(at('12:00'));

    // Expected from the plan alone.
    const seconds = (from: string, to: string) => (at(to).getTime() - at(from).getTime()) / 1000;
    const checkedIn = BOOKINGS.filter((b) => b.checkIn);
    const offsets = checkedIn.map((b) => seconds(b.time, b.checkIn!));
    const late = offsets.filter((o) => o > 300);
    const waits = checkedIn.filter((b) => b.call).map((b) => seconds(b.checkIn! > b.time ? b.checkIn! : b.time, b.call!));
    const noShows = BOOKINGS.filter((b) => b.result === 'no-show' || b.result === 'not-kept').length;
    const cancelled = BOOKINGS.filter((b) => b.result === 'cancelled').length;
    const service0 = {
      walkInTickets: WALK_INS.filter(([s]) => s === 0).length,
      bookings: BOOKINGS.length,
      bookingsCancelled: cancelled,
      bookingsCheckedIn: checkedIn.length,
      bookingsServed: BOOKINGS.filter((b) => b.result === 'served').length,
      bookingsNoShow: noShows,
      bookingsNoShowPercent: share(noShows, BOOKINGS.length - cancelled),
      checkInEarly: offsets.filter((o) => o < -300).length,
      checkInOnTime: offsets.filter((o) => Math.abs(o) <= 300).length,
      checkInLate: late.length,
      minutesLateMedian: minutes(nearestRank(late, 0.5)),
      bookedWaitP50: minutes(nearestRank(waits, 0.5)),
      bookedWaitP90: minutes(nearestRank(waits, 0.9)),
    };
    const service1 = {
      walkInTickets: WALK_INS.filter(([s]) => s === 1).length,
      bookings: 0,
      bookingsCancelled: 0,
      bookingsCheckedIn: 0,
      bookingsServed: 0,
      bookingsNoShow: 0,
      bookingsNoShowPercent: null,
      checkInEarly: 0,
      checkInOnTime: 0,
      checkInLate: 0,
      minutesLateMedian: null,
      bookedWaitP50: null,
      bookedWaitP90: null,
    };
    const res = await sys.triage
      .as(f.tokens.supervisor)
      .get(`/reports/appointments?siteIds=${f.siteId}&from=${DAY}&to=${DAY}&interval=day`);
    expectStatus(res, 200);
    expect(res.body.rows).toEqual([
      { period: DAY, site: 'Borgerservice Bestil', service: 'Ydelse 0', ...service0 },
      { period: DAY, site: 'Borgerservice Bestil', service: 'Ydelse 1', ...service1 },
    ]);
    expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...service0, walkInTickets: WALK_INS.length });
    // By hand: one early (−10), two on time (−3, +5 exactly), two late (+8, +9: median 8); 2 of 6 kept bookings not kept.
    expect(service0).toMatchObject({
      checkInEarly: 1,
      checkInOnTime: 2,
      checkInLate: 2,
      minutesLateMedian: 8,
      bookingsNoShowPercent: 33.3,
    });

    // The booked tickets are personal contacts of their own in the KOMHEN count.
    const channels = await sys.triage
      .as(f.tokens.supervisor)
      .get(`/reports/channels?siteIds=${f.siteId}&from=${DAY}&to=${DAY}&interval=day`);
    expect(channels.body.rows).toEqual([
      {
        period: DAY,
        site: 'Borgerservice Bestil',
        personalContacts: WALK_INS.length + checkedIn.length,
        walkInContacts: WALK_INS.length,
        bookedContacts: checkedIn.length,
        floorResolvedContacts: 0,
        floorResolvedPercent: 0,
        bookedPercent: share(checkedIn.length, WALK_INS.length + checkedIn.length),
      },
    ]);
  });

  it('lists the new reports as available with their intervals and definitions in every language', async () => {
    for (const lang of ['da', 'en', 'de']) {
      const res = await sys.triage.as(token).get(`/reports?lang=${lang}`);
      expectStatus(res, 200);
      for (const id of ['intraday', 'heatmap', 'wait-distribution', 'appointments', 'triage', 'channels']) {
        const r = res.body.find((x: { id: string }) => x.id === id);
        expect(r.available).toBe(true);
        expect(r.definition).not.toBe(`report.${id}.definition`);
      }
    }
    const de = await report('heatmap', 'lang=de');
    for (const c of de.body.columns) expect(c.definition).not.toBe(`column.${c.key}.definition`);
  });
});
