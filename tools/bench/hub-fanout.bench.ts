/**
 * Hub fan-out: 1,000 socket.io clients on one counter-display instance (half on
 * the site's display channel with a display token, half on the ticket channel
 * of their own ticket), and one call made through the API. Reported: how long
 * the call takes to reach every client (p50/p95/p99 over rounds), the delivery
 * latency per client, and the server's memory per connected client. The
 * clients run in a worker thread so the server isolate's heap counts the
 * server alone.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { SiteFixture, seedSite } from '../../test/support/fixtures';
import { expectStatus } from '../../test/support/http';
import { BenchDatabase, createBenchDatabase } from './bench-db';
import { BenchSystem, startBenchSystem } from './bench-system';
import { percentile, progress, round, summarise, withTimeout } from './stats';

const CLIENTS = Number(process.env.BENCH_HUB_CLIENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_HUB_ROUNDS ?? 30);
const TARGET_P95_MS = 100;
const now = () => performance.timeOrigin + performance.now();

const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { io } = require(workerData.clientPath);
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
let arrivals = null;
async function connect(spec) {
  const socket = io(workerData.url, { path: '/socket.io', transports: ['websocket'], auth: spec.token ? { token: spec.token } : {}, reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
  const res = await socket.emitWithAck('subscribe', spec.subscription);
  if (!res.ok) throw new Error(res.error.code);
  const i = sockets.length;
  sockets.push(socket);
  socket.onAny(() => { if (arrivals && arrivals[i] === 0) { arrivals[i] = now(); if (--arrivals.left === 0) parentPort.postMessage({ kind: 'arrived', times: Array.from(arrivals.slice(0, sockets.length)) }); } });
}
parentPort.on('message', async (m) => {
  try {
    if (m.kind === 'connect') {
      for (let i = 0; i < m.specs.length; i += 100) await Promise.all(m.specs.slice(i, i + 100).map(connect));
      parentPort.postMessage({ kind: 'connected', n: sockets.length });
    } else if (m.kind === 'arm') {
      arrivals = new Float64Array(sockets.length);
      arrivals.left = sockets.length;
      parentPort.postMessage({ kind: 'armed' });
    } else if (m.kind === 'close') {
      for (const s of sockets) s.close();
      parentPort.postMessage({ kind: 'closed' });
    }
  } catch (e) { parentPort.postMessage({ kind: 'error', message: String(e && e.stack || e) }); }
});
`;

function ask<T>(worker: Worker, message: unknown, reply: string, ms = 60_000): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      const on = (m: { kind: string; message?: string }) => {
        if (m.kind !== reply && m.kind !== 'error') return;
        worker.off('message', on);
        if (m.kind === 'error') reject(new Error(m.message));
        else resolve(m as T);
      };
      worker.on('message', on);
      worker.postMessage(message);
    }),
    ms,
    `hub-fanout ${reply}`,
  );
}

const heapUsed = () => {
  (global as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

async function seedTickets(sys: BenchSystem, f: SiteFixture, n: number): Promise<string[]> {
  const kiosk = sys.ticketing.as(f.tokens.kiosk);
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => kiosk.post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id })));
    for (const res of batch) tokens.push((expectStatus(res, 201), res.body.trackingToken));
  }
  return tokens;
}

export async function run(bench?: BenchDatabase) {
  const db = bench ?? (await createBenchDatabase());
  const sys = await startBenchSystem(db.url);
  const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { url: sys.counterDisplayUrls[0], clientPath: require.resolve('socket.io-client') } });
  try {
    const f = await seedSite(sys, { services: 1, counters: 1 });
    const ticketClients = Math.floor(CLIENTS / 2);
    progress(`hub-fanout: issuing ${ticketClients + ROUNDS} tickets`);
    const tracking = await seedTickets(sys, f, ticketClients + ROUNDS);
    const specs = [
      ...Array.from({ length: CLIENTS - ticketClients }, () => ({ token: f.tokens.display, subscription: { siteId: f.siteId, channel: 'display' } })),
      ...tracking.slice(-ticketClients).map((trackingToken) => ({ token: null, subscription: { siteId: f.siteId, channel: 'ticket', trackingToken } })),
    ];
    const heapBefore = heapUsed();
    const rssBefore = process.memoryUsage().rss;
    progress(`hub-fanout: connecting ${CLIENTS} clients`);
    await ask(worker, { kind: 'connect', specs }, 'connected', 120_000);
    await new Promise((r) => setTimeout(r, 500));
    const heapPerClient = (heapUsed() - heapBefore) / CLIENTS;
    const rssPerClient = (process.memoryUsage().rss - rssBefore) / CLIENTS;

    const api = sys.counterDisplay[0].as(f.tokens.counter);
    expectStatus(await api.post(`/counters/${f.counters[0].id}/open`), 200);
    const reachAll: number[] = [];
    const perClient: number[] = [];
    const callMs: number[] = [];
    let current: string | null = null;
    for (let r = 0; r < ROUNDS; r++) {
      if (current) expectStatus(await api.post(`/tickets/${current}/finish`, { outcome: 'resolved' }), 200);
      await new Promise((res) => setTimeout(res, 150)); // let the finish's events pass before arming
      await ask(worker, { kind: 'arm' }, 'armed');
      const arrived = new Promise<{ times: number[] }>((resolve) => {
        const on = (m: { kind: string; times: number[] }) => m.kind === 'arrived' && (worker.off('message', on), resolve(m));
        worker.on('message', on);
      });
      const sent = now();
      const res = await api.post(`/counters/${f.counters[0].id}/call-next`);
      callMs.push(now() - sent);
      expectStatus(res, 200);
      current = res.body.ticket.id;
      const { times } = await withTimeout(arrived, 10_000, 'hub-fanout: a call reaching every client');
      const latencies = times.map((t) => t - sent);
      perClient.push(...latencies);
      reachAll.push(Math.max(...latencies));
    }
    const sorted = [...reachAll].sort((a, b) => a - b);
    const p95 = round(percentile(sorted, 95));
    return {
      clients: CLIENTS,
      channels: { display: CLIENTS - ticketClients, ticket: ticketClients },
      rounds: ROUNDS,
      reachAllMs: { p50: round(percentile(sorted, 50)), p95, p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]) },
      perClientMs: summarise(perClient),
      /** The call's own HTTP round trip (transaction included), for comparison. */
      callNextResponseMs: summarise(callMs),
      targetP95Ms: TARGET_P95_MS,
      loadAverage: os.loadavg().map((x) => round(x)),
      meetsTarget: p95 <= TARGET_P95_MS,
      memoryPerClientKb: { serverHeap: round(heapPerClient / 1024, 1), processRss: round(rssPerClient / 1024, 1), gcExposed: typeof (global as { gc?: unknown }).gc === 'function' },
      note: 'latency runs from sending POST call-next to each client receiving its first event of that call (display: ticket.called; ticket page: queue.changed or its own ticket.called); clients, apps, PostgreSQL and Redis share one machine',
    };
  } finally {
    await ask(worker, { kind: 'close' }, 'closed', 10_000).catch(() => undefined);
    await worker.terminate();
    await sys.stop();
    if (!bench) await db.drop();
  }
}

if (require.main === module) {
  run()
    .then((r) => (console.log(JSON.stringify(r, null, 2)), process.exit(0)))
    .catch((e) => (console.error(e), process.exit(1)));
}
