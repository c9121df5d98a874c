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
import { startBenchTarget } from './bench-system';
import { HotClient } from './hot-client';
import { progress, round, summarise } from './stats';

const KIOSKS = 20;
const TICKETS_PER_KIOSK = Number(process.env.BENCH_TICKETS_PER_KIOSK ?? 50);
const WAIT_TIMES_SECONDS = Number(process.env.BENCH_WAIT_TIMES_SECONDS ?? 5);
const WAIT_TIMES_CLIENTS = 20;
const PACE_MS = Number(process.env.BENCH_KIOSK_PACE_MS ?? 1000);
const PACED_SECONDS = Number(process.env.BENCH_KIOSK_PACED_SECONDS ?? 10);

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const sys = await startBenchTarget(db.url);
  const clients: HotClient[] = [];
  try {
    const f = await seedSite(sys, { services: 3, counters: 2 });
    const admin = sys.triage.as(f.tokens.admin);
    const kiosks: string[] = [];
    for (let i = 0; i < KIOSKS; i++) {
      const res = await admin.post(`/sites/${f.siteId}/devices`, { kind: 'kiosk', name: `bench kiosk ${i}` });
      expectStatus(res, 201);
      kiosks.push(res.body.token);
    }
    const kioskClients = kiosks.map((token) => new HotClient(sys.ticketing.baseUrl, token, 1));
    clients.push(...kioskClients);
    let failed = 0;
    // Untimed: each kiosk's first tickets (connections, prepared statements and JIT warm up).
    for (let round = 0; round < 2; round++) {
      await Promise.all(kioskClients.map((kiosk, k) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[k % 3].id }, { 'Idempotency-Key': `warm-${k}-${round}` })));
    }
    // First at a pace people keep, on a room that fills from empty: each kiosk issues every PACE_MS
    // (a citizen needs seconds at the screen), starting at random moments, so requests overlap by chance.
    progress(`ticketing: ${KIOSKS} kiosks, one ticket each every ${PACE_MS} ms for ${PACED_SECONDS} s`);
    const paced: number[] = [];
    const pacedUntil = performance.now() + PACED_SECONDS * 1000;
    await Promise.all(
      kioskClients.map(async (kiosk, k) => {
        await new Promise((r) => setTimeout(r, Math.random() * PACE_MS));
        for (let i = 0; performance.now() < pacedUntil; i++) {
          const next = performance.now() + PACE_MS;
          const t0 = performance.now();
          const res = await kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[(k + i) % 3].id }, { 'Idempotency-Key': `paced-${k}-${i}` });
          paced.push(performance.now() - t0);
          if (res.status !== 201) failed++;
          await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        }
      }),
    );
    const pacedLatency = summarise(paced);

    // Then saturation: each kiosk sends its next request the moment the last is answered.
    progress(`ticketing: ${KIOSKS} kiosks × ${TICKETS_PER_KIOSK} tickets`);
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      kioskClients.map(async (kiosk, k) => {
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
    const web = new HotClient(sys.ticketing.baseUrl, '', WAIT_TIMES_CLIENTS);
    clients.push(web);
    const until = performance.now() + WAIT_TIMES_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WAIT_TIMES_CLIENTS }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          const res = await web.get(`/public/sites/${f.slug}/wait-times`);
          waitLatencies.push(performance.now() - t0);
          if (res.status !== 200) failed++;
        }
      }),
    );
    const waits = summarise(waitLatencies);
    return {
      topology: sys.topology,
      issuing: {
        kiosks: KIOSKS,
        tickets: latencies.length,
        failed,
        ticketsPerSecond: round(latencies.length / seconds, 1),
        latencyMs: { p50: issue.p50, p99: issue.p99, max: issue.max },
        load: 'closed loop: each kiosk sends its next request the moment the last is answered (saturation)',
        targetP99Ms: 50,
        meetsTarget: issue.p99 < 50,
      },
      issuingAtKioskPace: {
        kiosks: KIOSKS,
        tickets: paced.length,
        everyMsPerKiosk: PACE_MS,
        ticketsPerSecond: round(paced.length / PACED_SECONDS, 1),
        latencyMs: { p50: pacedLatency.p50, p99: pacedLatency.p99, max: pacedLatency.max },
        load: 'open loop: each kiosk issues once every PACE_MS from a random start (a busy morning is far below this)',
        targetP99Ms: 50,
        meetsTarget: pacedLatency.p99 < 50,
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
    for (const c of clients) c.close();
    await sys.stop();
  }
}
