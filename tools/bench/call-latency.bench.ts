/**
 * Call next → display latency. The three apps run in this process (as in the
 * e2e tests) on the bench database; a display device's socket subscribes to
 * the site's display channel. With 1, 8 and 32 open counters each counter loops
 * call-next → finish; a call's latency runs from sending POST
 * /counters/:id/call-next to the display socket receiving the `ticket.called`
 * event with that ticketId. The floor (floor.bench.ts) runs in the same process
 * against the same database and Redis, and the ratio compares the two at p50.
 */
import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import { io, Socket } from 'socket.io-client';
import { SiteFixture, seedSite } from '../../test/support/fixtures';
import { expectStatus } from '../../test/support/http';
import { RoundTripProxy, roundTripProxy } from '../../test/support/pg-round-trips';
import { BenchDatabase } from './bench-db';
import { BenchSystem, startBenchSystem, startBenchTarget } from './bench-system';
import { Floor } from './floor.bench';
import { startProfile } from './cpu-profile';
import { HotClient } from './hot-client';
import { progress, round, summarise, withTimeout } from './stats';

export const LEVELS: { counters: number; calls: number }[] = [
  { counters: 1, calls: 300 },
  { counters: 8, calls: 400 },
  { counters: 32, calls: 1280 },
];
const WARMUP_CALLS = 60;
/** Waiting tickets at the start of each timed round (the estimator bench's busy site has 200). */
const ROUND_WAITING = 200;
const ROUND_CALLS = 150;
const LEVEL_BUDGET_MS = 20_000;
/** Floor claims per chunk: one chunk before each 1-counter round and one after the last (300 in all). */
const FLOOR_CHUNK = 100;
const FLOOR_CALLS = FLOOR_CHUNK * (Math.ceil(LEVELS[0].calls / ROUND_CALLS) + 1);
const FLOOR_WARMUP = 30;
const TARGET_RATIO = 3;
const TARGET_CALLS_PER_SECOND_AT_32 = 300;

/** The display device's socket: records when each ticket.called arrived, by ticketId. */
class DisplayListener {
  readonly calledAt = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();
  constructor(readonly socket: Socket) {
    socket.on('ticket.called', (e: { ticketId?: string }) => {
      const at = performance.now();
      if (!e?.ticketId) return;
      this.calledAt.set(e.ticketId, at);
      this.waiters.get(e.ticketId)?.();
    });
  }

  static async connect(url: string, token: string, siteId: string): Promise<DisplayListener> {
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', (e) => reject(e));
        }),
        10_000,
        'display socket connect',
      );
      // Until the hub waited for its token check, a subscribe sent right after connect could be refused; retry a little.
      for (let attempt = 1; ; attempt++) {
        const ack = await socket.timeout(10_000).emitWithAck('subscribe', { siteId, channel: 'display' });
        if (ack?.ok) break;
        if (attempt >= 5 || ack?.error?.code !== 'forbidden') throw new Error(`display subscribe refused: ${JSON.stringify(ack)}`);
        progress(`display subscribe refused on attempt ${attempt} (${ack.error.code}); retrying`);
        await new Promise((r) => setTimeout(r, 200));
      }
      return new DisplayListener(socket);
    } catch (e) {
      socket.disconnect();
      throw e;
    }
  }

  /** Resolves once every id has arrived, or after `ms`; returns how many are still missing. */
  async waitFor(ids: string[], ms: number): Promise<number> {
    const missing = ids.filter((id) => !this.calledAt.has(id));
    if (missing.length) {
      await Promise.race([
        Promise.all(missing.map((id) => new Promise<void>((resolve) => this.waiters.set(id, resolve)))),
        new Promise((resolve) => setTimeout(resolve, ms).unref()),
      ]);
      for (const id of missing) this.waiters.delete(id);
    }
    return ids.filter((id) => !this.calledAt.has(id)).length;
  }

  close() {
    this.socket.disconnect();
  }
}

/** Issues tickets through the kiosk API, spread over the site's services, a few at a time. */
async function issueMany(sys: BenchSystem, f: SiteFixture, n: number, parallel = 8): Promise<void> {
  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        expectStatus(await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[i % f.services.length].id }), 201);
      }
    }),
  );
}

interface CallSample {
  ticketId: string;
  sentAt: number;
  answeredAt: number;
}

interface LevelRun {
  samples: CallSample[];
  finishMs: number[];
  tripsCallNext: number[];
  tripsFinish: number[];
  wallMs: number;
  cpuMicros: number;
  eluActive: number;
  eluIdle: number;
  empty: number;
  errors: string[];
  rounds: number;
}

const newRun = (): LevelRun => ({
  samples: [],
  finishMs: [],
  tripsCallNext: [],
  tripsFinish: [],
  wallMs: 0,
  cpuMicros: 0,
  eluActive: 0,
  eluIdle: 0,
  empty: 0,
  errors: [],
  rounds: 0,
});

/** `calls` call-next → finish cycles spread over the counters, each counter looping until they are used up. */
async function runRound(run: LevelRun, client: HotClient, counters: { id: string }[], calls: number, trips?: RoundTripProxy): Promise<void> {
  let left = calls;
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    counters.map(async (counter) => {
      while (left > 0 && run.errors.length <= 20) {
        left--;
        const t0 = trips?.count();
        const sentAt = performance.now();
        const res = await client.post(`/counters/${counter.id}/call-next`, {});
        const answeredAt = performance.now();
        const t1 = trips?.count();
        if (res.status === 204) {
          run.empty++;
          return;
        }
        if (res.status !== 200 || !res.body?.ticket?.id) {
          run.errors.push(`call-next ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        const ticketId: string = res.body.ticket.id;
        run.samples.push({ ticketId, sentAt, answeredAt });
        const f0 = performance.now();
        const fin = await client.post(`/tickets/${ticketId}/finish`, { outcome: 'resolved' });
        run.finishMs.push(performance.now() - f0);
        if (trips && t0 !== undefined && t1 !== undefined) {
          run.tripsCallNext.push(t1 - t0);
          run.tripsFinish.push(trips.count() - t1);
        }
        if (fin.status !== 200) run.errors.push(`finish ${fin.status}: ${JSON.stringify(fin.body).slice(0, 200)}`);
      }
    }),
  );
  run.wallMs += performance.now() - started;
  const elu = performance.eventLoopUtilization(elu0);
  run.eluActive += elu.active;
  run.eluIdle += elu.idle;
  const cpu = process.cpuUsage(cpu0);
  run.cpuMicros += cpu.user + cpu.system;
  run.rounds++;
}

/** Waits for the display to have every call's event, then works out the figures. */
async function levelFigures(run: LevelRun, display: DisplayListener) {
  const missing = await display.waitFor(
    run.samples.map((s) => s.ticketId),
    5000,
  );
  const arrived = run.samples.filter((s) => display.calledAt.has(s.ticketId));
  return {
    missing,
    latency: summarise(arrived.map((s) => display.calledAt.get(s.ticketId)! - s.sentAt)),
    http: summarise(run.samples.map((s) => s.answeredAt - s.sentAt)),
    // How long after the HTTP answer the display had it (negative: the event beat the response).
    afterAnswer: summarise(arrived.map((s) => display.calledAt.get(s.ticketId)! - s.answeredAt)),
    finish: summarise(run.finishMs),
    callsPerSecond: round((run.samples.length / run.wallMs) * 1000, 1),
    eventLoopUtilization: round(run.eluActive / (run.eluActive + run.eluIdle), 2),
    processCpuCores: round(run.cpuMicros / 1000 / run.wallMs, 2),
  };
}

/**
 * Round trips to PostgreSQL per call-next and per finish, counted on the wire
 * by a proxy the apps of a second, small system connect through (test/support
 * pg-round-trips.ts); the count does not depend on load.
 */
async function roundTripProbe(db: BenchDatabase): Promise<Record<string, number>> {
  const proxy = await roundTripProxy();
  const sys = await startBenchSystem(proxy.url(db.url));
  try {
    const site = await seedSite(sys, { services: 2, counters: 1 });
    expectStatus(await sys.counterDisplay[0].as(site.tokens.counter).post(`/counters/${site.counters[0].id}/open`), 200);
    await issueMany(sys, site, 25);
    const probe = new HotClient(sys.counterDisplay[0].baseUrl, site.tokens.counter, 1);
    const run = newRun();
    await runRound(newRun(), probe, site.counters, 5);
    await runRound(run, probe, site.counters, 20, proxy);
    probe.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { perCallNext: median(run.tripsCallNext), perFinish: median(run.tripsFinish) };
  } finally {
    await sys.stop();
    await proxy.close();
  }
}

const attemptRoundTripProbe = (db: BenchDatabase) => roundTripProbe(db).catch((e) => ({ error: (e as Error).message }));

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const maxCounters = Math.max(...LEVELS.map((l) => l.counters));
  const sys = await startBenchTarget(db.url);
  progress(`call-latency: triage, ticketing and counter-display booted (${sys.topology})`);
  let client: HotClient | undefined;
  let display: DisplayListener | undefined;
  let floor: Floor | undefined;
  try {
    const site = await seedSite(sys, { services: 3, counters: maxCounters });
    const floorSite = await seedSite(sys, { services: 1, counters: 1 });
    progress(`call-latency: seeded a site with ${site.counters.length} counters; opening them`);
    const staff = sys.counterDisplay[0].as(site.tokens.counter);
    for (const c of site.counters) expectStatus(await staff.post(`/counters/${c.id}/open`), 200);

    progress(`floor: issuing ${FLOOR_CALLS + FLOOR_WARMUP} tickets at a second site`);
    await issueMany(sys, floorSite, FLOOR_CALLS + FLOOR_WARMUP);
    floor = new Floor({ databaseUrl: db.url, siteId: floorSite.siteId, counterId: floorSite.counters[0].id, redisPrefix: sys.redisPrefix, warmup: FLOOR_WARMUP });
    await floor.open();

    display = await DisplayListener.connect(sys.counterDisplayUrls[0], site.tokens.display, site.siteId);
    client = new HotClient(sys.counterDisplay[0].baseUrl, site.tokens.counter, maxCounters);
    const levels: Record<string, unknown> = {};
    const figures: Record<number, { p50: number; callsPerSecond: number }> = {};

    const pg = new PgClient({ connectionString: db.url, application_name: 'skranke-bench-count' });
    await pg.connect();
    const waitingNow = async () =>
      Number((await pg.query(`SELECT count(*)::int AS n FROM ticket WHERE site_id = $1 AND status = 'waiting'`, [site.siteId])).rows[0].n);
    const topUp = async (to: number) => {
      const n = to - (await waitingNow());
      if (n > 0) await issueMany(sys, site, n);
    };
    try {
      progress(`call-latency: warm-up (${WARMUP_CALLS} calls, 4 counters)`);
      await topUp(WARMUP_CALLS + 4);
      // A running site's database has planner statistics (autovacuum gathers them within a
      // minute of the first tickets); this one is seconds old, so gather them as it would.
      await pg.query('ANALYZE');
      await runRound(newRun(), client, site.counters.slice(0, 4), WARMUP_CALLS);

      for (const level of LEVELS) {
        progress(
          `call-latency: ${level.counters} counter(s), ${level.calls} calls in rounds of ≤ ${ROUND_CALLS} from ${ROUND_WAITING} waiting`,
        );
        const run = newRun();
        // Bounded: on a busy machine stop starting rounds once the level has had its time.
        for (let done = 0; done < level.calls && run.wallMs < LEVEL_BUDGET_MS;) {
          const calls = Math.min(ROUND_CALLS, level.calls - done);
          // A busy site's queue; refilled between rounds (not timed) so every call sees a realistic room.
          await topUp(Math.max(ROUND_WAITING, calls + level.counters));
          // The floor's claims interleave with the 1-counter rounds, so a drift in the machine's speed moves both.
          if (level.counters === 1) await floor.sample(FLOOR_CHUNK);
          // With BENCH_PROFILE_DIR, profile the first timed round of each level.
          const profiler = run.rounds === 0 ? await startProfile() : undefined;
          await runRound(run, client, site.counters.slice(0, level.counters), calls);
          await profiler?.stop(`call-latency-${level.counters}`);
          done += calls;
        }
        if (level.counters === 1) await floor.sample(FLOOR_CHUNK);
        const f = await levelFigures(run, display);
        figures[level.counters] = { p50: f.latency.p50, callsPerSecond: f.callsPerSecond };
        levels[String(level.counters)] = {
          counters: level.counters,
          calls: run.samples.length,
          plannedCalls: level.calls,
          rounds: run.rounds,
          waitingAtRoundStart: ROUND_WAITING,
          p50Ms: f.latency.p50,
          p90Ms: f.latency.p90,
          p99Ms: f.latency.p99,
          maxMs: f.latency.max,
          callsPerSecond: f.callsPerSecond,
          timedSeconds: round(run.wallMs / 1000, 2),
          httpResponseP50Ms: f.http.p50,
          httpResponseP99Ms: f.http.p99,
          eventAfterResponseP50Ms: f.afterAnswer.p50,
          finishP50Ms: f.finish.p50,
          // Main-thread busy share and CPU cores used by this process (apps and clients together).
          eventLoopUtilization: f.eventLoopUtilization,
          processCpuCores: f.processCpuCores,
          missingEvents: f.missing,
          emptyQueueResponses: run.empty,
          errors: run.errors.length,
          ...(run.errors.length ? { firstErrors: run.errors.slice(0, 3) } : {}),
        };
        progress(
          `call-latency: ${level.counters} counter(s): p50 ${f.latency.p50} ms, p99 ${f.latency.p99} ms, ${f.callsPerSecond} calls/s, ` +
            `event loop ${f.eventLoopUtilization}, cpu ${f.processCpuCores}, missing ${f.missing}, errors ${run.errors.length}`,
        );
      }
    } finally {
      await pg.end().catch(() => undefined);
    }

    const floorFigures = floor.summary();
    const ratioP50 = round(figures[1].p50 / floorFigures.p50Ms, 2);
    const at32 = figures[32]?.callsPerSecond ?? NaN;
    return {
      callLatency: {
        measuredFrom: 'POST /api/v1/counters/:id/call-next sent',
        measuredTo: 'display socket (channel display) receives ticket.called with that ticketId',
        loop: 'each counter: call-next → finish (outcome resolved), no pause',
        queue: `${ROUND_WAITING} waiting at the start of each round of ≤ ${ROUND_CALLS} calls, topped up through the kiosk API between rounds (not timed)`,
        topology:
          sys.topology === 'in-process'
            ? 'triage, ticketing, counter-display and the clients share this Node process'
            : 'triage, ticketing and counter-display each run as their own Node process (from source); the clients run in the bench process',
        roundTripsToPostgres: await attemptRoundTripProbe(db),
        levels,
        targetCallsPerSecondAt32: TARGET_CALLS_PER_SECOND_AT_32,
        callsPerSecondTargetMet: at32 >= TARGET_CALLS_PER_SECOND_AT_32,
      },
      floor: { ...floorFigures, interleaved: `in chunks of ${FLOOR_CHUNK} before, between and after the 1-counter rounds` },
      ratio: {
        p50OursOverFloorAt1Counter: ratioP50,
        oursP50Ms: figures[1].p50,
        floorP50Ms: floorFigures.p50Ms,
        target: TARGET_RATIO,
        targetMet: ratioP50 <= TARGET_RATIO,
      },
    };
  } finally {
    await floor?.close();
    client?.close();
    display?.close();
    progress('call-latency: stopping apps');
    await sys.stop();
  }
}
