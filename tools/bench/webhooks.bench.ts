/**
 * Webhook deliveries (issue 22): a site with 10 webhooks subscribed to
 * `ticket.called`, all pointing at one local HTTP endpoint; 8 counters make a
 * burst of 200 calls (call-next → finish, as fast as they go), so 2000
 * deliveries are due. A triage instance with its workers (RUN_WORKERS) sends
 * them, signed, as in production. Figures: deliveries per second (from the first
 * call sent to the last delivery received) and each delivery's delay from sending
 * its call-next to the endpoint receiving it (p50, p99), and the same delay at
 * rest (20 single calls one after another: `quietDelayMs`), at the default pass
 * period (WEBHOOK_DISPATCH_MS 500) and at 100 ms (BENCH_WEBHOOK_EVERY_MS=500,100 to choose).
 */
import { performance } from 'node:perf_hooks';
import { SiteFixture, seedSite } from '../../test/support/fixtures';
import { Api, expectStatus } from '../../test/support/http';
import { startWebhookListener } from '../../test/support/webhook-listener';
import { BenchDatabase } from './bench-db';
import { startBenchSystem } from './bench-system';
import { progress, round, summarise, withTimeout } from './stats';

const SUBSCRIPTIONS = 10;
const CALLS = 200;
const COUNTERS = 8;

async function issueSome(kiosk: Api, f: SiteFixture, n: number): Promise<void> {
  for (let i = 0; i < n; i += 20) {
    const replies = await Promise.all(Array.from({ length: Math.min(20, n - i) }, (_v, k) => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[(i + k) % 2].id })));
    replies.forEach((r) => expectStatus(r, 201));
  }
}

async function burst(bench: BenchDatabase, dispatchEveryMs: number) {
  const sys = await startBenchSystem(bench.url);
  const hooks = await startWebhookListener();
  try {
    const worker = await sys.startExtra('triage', { RUN_WORKERS: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_DISPATCH_MS: String(dispatchEveryMs) });
    const f = await seedSite(sys, { services: 2, counters: COUNTERS });
    const admin = worker.api.as(f.tokens.admin); // the instance that allows the local endpoint
    for (let i = 0; i < SUBSCRIPTIONS; i++) expectStatus(await admin.post('/webhooks', { siteId: f.siteId, url: `${hooks.url}/s${i}`, events: ['ticket.called'] }), 201);
    const kiosk = sys.ticketing.as(f.tokens.kiosk);
    await issueSome(kiosk, f, CALLS);
    const staff = sys.counterDisplay[0].as(f.tokens.counter);
    for (const c of f.counters) expectStatus(await staff.post(`/counters/${c.id}/open`), 200);

    // Arrival time of each (subscription, ticket) delivery, in this process's clock.
    const arrived = new Map<string, number>();
    let allIn: () => void = () => undefined;
    const done = new Promise<void>((r) => (allIn = r));
    hooks.answer = (d) => {
      const ticketId = JSON.parse(d.body).data.ticketId as string;
      arrived.set(`${d.path} ${ticketId}`, performance.now());
      if (arrived.size >= CALLS * SUBSCRIPTIONS) allIn();
      return 204;
    };
    const sentAt = new Map<string, number>();
    let left = CALLS;
    const t0 = performance.now();
    await Promise.all(
      f.counters.map(async (c) => {
        while (left > 0) {
          left--;
          const s = performance.now();
          const res = await staff.post(`/counters/${c.id}/call-next`, {});
          expectStatus(res, 200);
          sentAt.set(res.body.ticket.id, s);
          expectStatus(await staff.post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
        }
      }),
    );
    const callsDoneMs = performance.now() - t0;
    await withTimeout(done, 120_000, `${CALLS * SUBSCRIPTIONS} deliveries`);
    const lastArrival = Math.max(...arrived.values());
    const delays = [...arrived.entries()].map(([key, at]) => at - sentAt.get(key.split(' ')[1])!);
    const burstDeliveries = arrived.size;

    // Then at rest: 20 single calls, each once the last one's 10 deliveries are in.
    await issueSome(kiosk, f, 20);
    const quiet: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      const res = await staff.post(`/counters/${f.counters[0].id}/call-next`, {});
      expectStatus(res, 200);
      const keys = Array.from({ length: SUBSCRIPTIONS }, (_v, k) => `/s${k} ${res.body.ticket.id}`);
      await withTimeout(
        (async () => {
          while (!keys.every((k) => arrived.has(k))) await new Promise((r) => setTimeout(r, 5));
        })(),
        30_000,
        'a quiet call',
      );
      quiet.push(...keys.map((k) => arrived.get(k)! - s));
      expectStatus(await staff.post(`/tickets/${res.body.ticket.id}/finish`, { outcome: 'resolved' }), 200);
    }
    return {
      dispatchEveryMs,
      deliveries: burstDeliveries,
      deliveriesPerSecond: round((burstDeliveries * 1000) / (lastArrival - t0), 1),
      burstSeconds: round((lastArrival - t0) / 1000, 2),
      callsSeconds: round(callsDoneMs / 1000, 2),
      delayMs: summarise(delays),
      quietDelayMs: summarise(quiet),
      duplicates: hooks.received.length - arrived.size,
    };
  } finally {
    await sys.stop();
    await hooks.close();
  }
}

export async function run(bench: BenchDatabase) {
  const out: Record<string, unknown> = {
    subscriptions: SUBSCRIPTIONS,
    calls: CALLS,
    counters: COUNTERS,
    measuredFrom: 'POST /api/v1/counters/:id/call-next sent → the endpoint received the signed delivery',
  };
  for (const every of (process.env.BENCH_WEBHOOK_EVERY_MS ?? '500,100').split(',').map(Number)) {
    progress(`webhooks: burst with passes every ${every} ms`);
    out[`every${every}ms`] = await burst(bench, every);
  }
  return out;
}
