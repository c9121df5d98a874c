import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { POINT_BANDS_SECONDS, ScoredWait, calibrateService, coverage, pointBand, scaleFor, scaleRange, scalesOf } from '../../libs/domain/src';
import { EstimateCalibrationService } from '../../libs/jobs/src/estimate-calibration.service';
import { JobName, QueueName } from '../../libs/jobs/src/queue-names';
import { Queues } from '../../libs/jobs/src/queues';
import { issueTickets, openCounter, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

/** The application's time, set by the test (one instant: the same room gives the same estimate). */
class TestClock extends Clock {
  private t = Date.parse('2025-06-04T09:00:00Z'); // Wednesday 11:00 in Copenhagen
  now(): Date {
    return new Date(this.t);
  }
}

/**
 * Yesterday's 100 tickets of one service, each shown "ca. 10 min (8–12 min)", whose real waits fell
 * inside the range 60 times in 100: 20 above, 20 below (a day whose range was too narrow).
 */
function yesterdaysWaits(): number[] {
  const inside = Array.from({ length: 60 }, (_, i) => 480 + (i * 240) / 59); // 8–12 min
  const above = Array.from({ length: 20 }, (_, i) => 740 + i * 25); // 12:20–20:15
  const below = Array.from({ length: 20 }, (_, i) => 30 + i * 22); // 0:30–7:48
  return [...inside, ...above, ...below];
}

/** A day's told estimate and real wait, seconds: [point, low, high, wait]. */
type Told = [number, number, number, number];

/**
 * Yesterday at a site with quiet and busy spells: 400 tickets called at once, told "about now"
 * ([0 s, 60 s]), and for each longer band of the told point (2–5, 5–10, 10–20, 20+ min) 40 tickets
 * whose ranges covered 60 %, by a spread of its own. All together 89 % fell inside.
 */
function yesterdayByBand(): Told[] {
  const out: Told[] = Array.from({ length: 400 }, (): Told => [0, 0, 60, 0]);
  for (const [i, from] of POINT_BANDS_SECONDS.slice(1).entries()) {
    const point = from + 60;
    const half = 30 + 30 * i;
    const spread = 1.5 + 0.5 * i; // how far beyond its range a miss falls, in half-ranges
    for (let k = 0; k < 40; k++) {
      const wait = k < 24 ? point - half + (2 * half * k) / 23 : k < 32 ? point + half * (1 + (spread * (k - 23)) / 8) : point - half * (1 + ((k - 31) * 0.6) / 8);
      out.push([point, point - half, point + half, Math.round(wait)]);
    }
  }
  return out;
}

/**
 * Issue 23, item 3: the nightly calibration moves a range that covered 60 % toward 80 % on the
 * next day's replay, and the live estimates apply its factors; the supervisor sees the last 14
 * days' coverage and mean absolute error per service.
 */
describe('nightly range calibration', () => {
  const clock = new TestClock();
  let sys: TestSystem;
  let db: Client;
  beforeAll(async () => {
    sys = await startSystem({ clock });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await sys?.stop();
  });

  it('moves a range that covered 60 % toward 80 % on the next day\'s replay of the same waits', async () => {
    const f = await seedSite(sys, { services: 2, counters: 1 });
    const [s0, s1] = f.services.map((s) => s.id);
    const waits = yesterdaysWaits();
    const issuedAt = Date.parse('2025-06-03T08:00:00Z');
    for (const [i, wait] of waits.entries()) {
      const at = new Date(issuedAt + i * 60_000);
      await db.query(
        `INSERT INTO ticket (id, site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at,
           called_at, ended_at, tracking_token, estimate_minutes, estimate_low, estimate_high, estimate_seconds, estimate_low_seconds, estimate_high_seconds)
         VALUES ($1, $2, $3, $3, '2025-06-03', $4, $5, 'finished', 'kiosk', $6, $6, $7, $7, $8, 10, 8, 12, 600, 480, 720)`,
        [randomUUID(), f.siteId, s0, i + 1, `P${String(i + 1).padStart(3, '0')}`, at, new Date(at.getTime() + wait * 1000), randomBytes(24).toString('base64url')],
      );
    }
    const shown = { minutes: 10, low: 8, high: 12 };
    const scored: ScoredWait[] = waits.map((w) => ({ shown, waitMinutes: w / 60 }));
    expect(coverage(scored)).toBe(0.6);

    // Today's room before the calibration: what the kiosk shows for a new ticket of s0.
    await openCounter(sys, f, f.counters[0].id);
    await issueTickets(sys, f, s0, 3);
    const kioskWait = async () => (await sys.ticketing.get(`/kiosk/sites/${f.slug}`)).body.services.find((s: { id: string }) => s.id === s0).estimatedWait;
    // The kiosk reads the cached room (at most two seconds old): wait until it has the three tickets.
    const before = await until(async () => {
      const e = await kioskWait();
      return e.minutes > 0 && e;
    }, 15);

    const results = await sys.apps[0].get(EstimateCalibrationService).calibrateAll();
    const mine = results.filter((r) => r.siteId === f.siteId);
    expect(mine).toHaveLength(1); // s1 has no history: nothing to calibrate
    const [result] = mine;
    expect(result).toMatchObject({ serviceId: s0, scored: 100, coverage: 0.6, changed: true });
    expect(result.scale.low).toBeGreaterThan(1);
    expect(result.scale.high).toBeGreaterThan(1);
    const { rows } = await db.query('SELECT valid_from::text, low_factor, high_factor, scored, coverage FROM estimate_calibration WHERE service_id = $1', [s0]);
    expect(rows).toEqual([{ valid_from: '2025-06-04', low_factor: result.scale.low, high_factor: result.scale.high, scored: 100, coverage: 0.6 }]);

    // The next day's replay: the same waits against the ranges shown with tonight's factors.
    const replayed = coverage(scored.map((w) => ({ ...w, shown: scaleRange(w.shown, result.scale) })))!;
    console.log(`range calibration: coverage ${coverage(scored)} before, ${replayed} on the replay; factors low ${result.scale.low.toFixed(3)}, high ${result.scale.high.toFixed(3)}`);
    expect(replayed).toBeGreaterThanOrEqual(0.75);
    expect(replayed).toBeLessThanOrEqual(0.85);

    // The live estimates apply the factors at their next refresh (the same room, the same instant: the same point).
    const after = await until(async () => {
      const e = await kioskWait();
      return e.high !== before.high && e;
    }, 15);
    const expected = scaleRange(before, result.scale);
    expect(after.minutes).toBe(before.minutes);
    expect(after.high).toBeCloseTo(expected.high, 1);
    expect(after.low).toBeCloseTo(expected.low, 1);

    // A second run the same night scores the same ranges (shown unscaled yesterday): the same factors, one row.
    const again = (await sys.apps[0].get(EstimateCalibrationService).calibrateAll()).find((r) => r.serviceId === s0)!;
    expect(again.scale).toEqual(result.scale);
    expect((await db.query('SELECT 1 FROM estimate_calibration WHERE service_id = $1', [s0])).rows).toHaveLength(1);

    // The supervisor's figures of the last 14 days, per service.
    const api = sys.triage.as(f.tokens.supervisor);
    const res = await api.get(`/sites/${f.siteId}/estimate-accuracy`);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ days: 14, targetWithinRangeShare: 0.8 });
    const mae = waits.reduce((s, w) => s + Math.abs(w - 600), 0) / waits.length / 60;
    expect(res.body.services.find((s: { serviceId: string }) => s.serviceId === s0)).toMatchObject({
      scored: 100,
      withinRangeShare: 0.6,
      meanAbsoluteErrorMinutes: Math.round(mae * 10) / 10,
      calibration: { lowFactor: result.scale.low, highFactor: result.scale.high, computedAt: clock.now().toISOString() },
    });
    expect(res.body.services.find((s: { serviceId: string }) => s.serviceId === s1)).toMatchObject({ scored: 0, withinRangeShare: null, calibration: null });
    expectStatus(await sys.triage.as(f.tokens.counter).get(`/sites/${f.siteId}/estimate-accuracy`), 403);
  });

  it("fits each band of the told point on its own tickets, and the room shows a new ticket's range by its band's factors", async () => {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    const s0 = f.services[0].id;
    await openCounter(sys, f, f.counters[0].id);
    await issueTickets(sys, f, s0, 3);
    const told = yesterdayByBand();
    const issuedAt = Date.parse('2025-06-03T06:00:00Z');
    const at = told.map((_, i) => new Date(issuedAt + i * 60_000));
    await db.query(
      `INSERT INTO ticket (id, site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at,
         called_at, ended_at, tracking_token, estimate_minutes, estimate_low, estimate_high, estimate_seconds, estimate_low_seconds, estimate_high_seconds)
       SELECT gen_random_uuid(), $1, $2, $2, '2025-06-03', n, 'P' || n, 'finished', 'kiosk', a, a, a + w * interval '1 second', a + w * interval '1 second',
         md5(random()::text || n), round(p / 60.0), floor(l / 60.0), ceil(h / 60.0), p, l, h
       FROM unnest($3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::int[], $8::int[]) AS t(n, a, p, l, h, w)`,
      [f.siteId, s0, told.map((_, i) => i + 1), at, ...[0, 1, 2, 3].map((j) => told.map((t) => t[j]))],
    );
    const scored: ScoredWait[] = told.map(([p, l, h, w]) => ({ shown: { minutes: p / 60, low: l / 60, high: h / 60 }, waitMinutes: w / 60 }));
    expect(coverage(scored)).toBeCloseTo(0.886, 3);
    const kioskWait = async () => (await sys.ticketing.get(`/kiosk/sites/${f.slug}`)).body.services.find((s: { id: string }) => s.id === s0).estimatedWait;
    const before = await until(async () => {
      const e = await kioskWait();
      return e.minutes > 0 && e;
    }, 15);
    expect(pointBand(before.minutes)).toBeGreaterThan(0);

    const result = (await sys.apps[0].get(EstimateCalibrationService).calibrateAll()).find((r) => r.serviceId === s0)!;
    // The job's check is the domain's (the predict-eval replays run the same calibrateService).
    expect(result).toMatchObject({ siteId: f.siteId, ...calibrateService(scored) });
    // One pair for the whole service would narrow (89 % inside); each longer band's own pair widens its 60 %.
    expect(result.scale.high).toBeLessThan(1);
    expect([...result.bands.keys()]).toEqual(POINT_BANDS_SECONDS);
    for (const from of POINT_BANDS_SECONDS.slice(1)) {
      expect(result.bands.get(from)).toMatchObject({ scored: 40, coverage: 0.6, changed: true });
      expect(result.bands.get(from)!.scale.high).toBeGreaterThan(1.4);
    }
    const bandRows = async () =>
      (await db.query('SELECT point_from_seconds, low_factor, high_factor, scored FROM estimate_calibration_band WHERE service_id = $1 ORDER BY 1', [s0])).rows;
    const rows = await bandRows();
    expect(rows).toEqual([...result.bands].map(([from, b]) => ({ point_from_seconds: from, low_factor: b.scale.low, high_factor: b.scale.high, scored: b.scored })));

    // The kiosk's range for a new ticket widens by its point's band's factors, not the service's.
    const factors = scaleFor(scalesOf(result), before.minutes)!;
    expect(factors).toEqual(result.bands.get(pointBand(before.minutes))!.scale);
    const after = await until(async () => {
      const e = await kioskWait();
      return e.high !== before.high && e;
    }, 15);
    expect(after.minutes).toBe(before.minutes);
    expect(after.high).toBeCloseTo(scaleRange(before, factors).high, 1);
    expect(after.high).toBeGreaterThan(scaleRange(before, result.scale).high + 0.5);

    // A second run the same night replaces the night's band rows with the same.
    const again = (await sys.apps[0].get(EstimateCalibrationService).calibrateAll()).find((r) => r.serviceId === s0)!;
    expect(again.bands).toEqual(result.bands);
    expect(await bandRows()).toEqual(rows);
  });

  it('is scheduled nightly at 02:45 Copenhagen time, after every site\'s day', async () => {
    const workers = await sys.startExtra('triage', { RUN_WORKERS: 'true' });
    const queue = workers.app.get(Queues).get(QueueName.Housekeeping);
    const scheduler = await until(async () => (await queue.getJobSchedulers()).find((s) => s.name === JobName.EstimateCalibration), 15);
    expect(scheduler).toMatchObject({ pattern: '45 2 * * *', tz: 'Europe/Copenhagen' });
  });
});
