import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Clock } from '../../libs/core/src/clock';
import { ScoredWait, coverage, scaleRange } from '../../libs/domain/src';
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
    const before = await kioskWait();

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

  it('is scheduled nightly at 02:45 Copenhagen time, after every site\'s day', async () => {
    const workers = await sys.startExtra('triage', { RUN_WORKERS: 'true' });
    const queue = workers.app.get(Queues).get(QueueName.Housekeeping);
    const scheduler = await until(async () => (await queue.getJobSchedulers()).find((s) => s.name === JobName.EstimateCalibration), 15);
    expect(scheduler).toMatchObject({ pattern: '45 2 * * *', tz: 'Europe/Copenhagen' });
  });
});
