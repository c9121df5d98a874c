/**
 * Issue 3's figures: tickets issued per second through the HTTP API by 20
 * kiosks at once (each its own device, each request with its own
 * Idempotency-Key, as the kiosk page sends), their p50/p99 latency, and the
 * public wait-times endpoint's requests per second.
 */
import { performance } from 'node:perf_hooks';
import { expectStatus } from '../../test/support/http';
import { seedSite } from '../../test/support/fixtures';
import { BenchDatabase } from './bench-db';
import { startBenchSystem } from './bench-system';
import { progress, round, summarise } from './stats';

const KIOSKS = 20;
const TICKETS_PER_KIOSK = Number(process.env.BENCH_TICKETS_PER_KIOSK ?? 50);
const WAIT_TIMES_SECONDS = Number(process.env.BENCH_WAIT_TIMES_SECONDS ?? 5);
const WAIT_TIMES_CLIENTS = 20;

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const sys = await startBenchSystem(db.url);
  try {
    const f = await seedSite(sys, { services: 3, counters: 2 });
    const admin = sys.triage.as(f.tokens.admin);
    const kiosks: string[] = [];
    for (let i = 0; i < KIOSKS; i++) {
      const res = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: `bench kiosk ${i}` });
      expectStatus(res, 201);
      kiosks.push(res.body.token);
    }
    progress(`ticketing: ${KIOSKS} kiosks × ${TICKETS_PER_KIOSK} tickets`);
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      kiosks.map(async (token, k) => {
        const kiosk = sys.ticketing.as(token);
        for (let i = 0; i < TICKETS_PER_KIOSK; i++) {
          const t0 = performance.now();
          const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[(k + i) % 3].id }, { 'Idempotency-Key': `bench-${k}-${i}` });
          latencies.push(performance.now() - t0);
          if (res.status !== 201) failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const issue = summarise(latencies);

    progress(`ticketing: public wait times, ${WAIT_TIMES_CLIENTS} clients for ${WAIT_TIMES_SECONDS} s`);
    const waitLatencies: number[] = [];
    const until = performance.now() + WAIT_TIMES_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WAIT_TIMES_CLIENTS }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          const res = await sys.ticketing.get(`/public/sites/${f.slug}/wait-times`);
          waitLatencies.push(performance.now() - t0);
          if (res.status !== 200) failed++;
        }
      }),
    );
    const waits = summarise(waitLatencies);
    return {
      issuing: {
        kiosks: KIOSKS,
        tickets: latencies.length,
        failed,
        ticketsPerSecond: round(latencies.length / seconds, 1),
        latencyMs: { p50: issue.p50, p99: issue.p99, max: issue.max },
        targetP99Ms: 50,
        meetsTarget: issue.p99 < 50,
      },
      publicWaitTimes: {
        clients: WAIT_TIMES_CLIENTS,
        requestsPerSecond: round(waitLatencies.length / WAIT_TIMES_SECONDS, 0),
        latencyMs: { p50: waits.p50, p99: waits.p99 },
        targetRequestsPerSecond: 2000,
        meetsTarget: waitLatencies.length / WAIT_TIMES_SECONDS > 2000,
      },
    };
  } finally {
    await sys.stop();
  }
}
