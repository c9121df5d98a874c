/**
 * Issue 21's statistics figures on the history of an eight-site municipality: two years of weekdays, about
 * 1,000,000 visits (500,000 a year), written straight into `ticket` (statistics-seed.ts). The triage app runs as
 * its own process (the built bundle when there is one), so its memory is its own.
 *  - statistics-rollup: the nightly roll-up of every site's two years from nothing (once; the day-close job
 *    then keeps it current a day at a time).
 *  - statistics-volume: report (1) for all eight sites over the last year by month, as a manager asks for it
 *    (GET /reports/volume?siteIds=…&interval=month), one request after another; p50/p95 (target p95 < 500 ms).
 *  - statistics-export: the visits export (one CSV line per visit) of the two years, streamed to a client that
 *    reads as fast as it can: rows per second (target > 50,000) and the app's peak resident memory (< 200 MB).
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Api } from '../../test/support/http';
import { login } from '../../test/support/fixtures';
import { ADMIN } from '../../test/support/system';
import { BenchDatabase, BENCH_REDIS_URL, clearRedisPrefix, randomSuffix } from './bench-db';
import { AppProcess, benchAppEnv, hasBundle, spawnApp } from './app-processes';
import { seedHistory } from './statistics-seed';
import { progress, round, summarise } from './stats';

const SITES = 8;
const SERVICES = 5;
const FROM = '2024-12-02';
const TO = '2026-11-27';
const YEAR_FROM = '2025-11-28';
/** 8 sites × ~520 weekdays × 240 a day ≈ 1,000,000 visits. */
const PER_DAY = Number(process.env.BENCH_STATS_PER_DAY ?? 240);
const REQUESTS = Number(process.env.BENCH_STATS_REQUESTS ?? 30);

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? round(Number(m[1]) / 1024, 1) : null;
}

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const prefix = `benchstats${randomSuffix()}`;
  const mode = hasBundle('triage') ? 'dist' : 'swc';
  const triage: AppProcess = await spawnApp(
    'triage',
    mode,
    benchAppEnv(db.url, BENCH_REDIS_URL, prefix, { RATE_LIMIT_PER_MINUTE: '1000000' }),
  );
  const pg = new Client({ connectionString: db.url, application_name: 'skranke-bench-statistics' });
  try {
    await pg.connect();
    const api = new Api(`${triage.url}/api/v1`);
    const token = await login(api, ADMIN.username, ADMIN.password);
    const admin = api.as(token);
    const siteIds: string[] = [];
    const t0 = performance.now();
    let visits = 0;
    for (let s = 0; s < SITES; s++) {
      const site = await admin.post('/sites', {
        slug: `stat-${s}-${Date.now().toString(36)}`,
        name: `Borgerservice ${s + 1}`,
        municipality: 'Bench Kommune',
        timezone: 'Europe/Copenhagen',
        openingHours: {
          weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens: '08:00', closes: '16:00' }]])),
        },
      });
      if (site.status !== 201) throw new Error(`site: ${site.status} ${JSON.stringify(site.body)}`);
      const serviceIds: string[] = [];
      for (let v = 0; v < SERVICES; v++) {
        const svc = await admin.post(`/sites/${site.body.id}/services`, {
          code: `s${v}`,
          prefix: 'ABCDE'[v],
          names: { da: `Ydelse ${v}`, en: `Service ${v}`, de: `Dienst ${v}` },
          targetWaitMinutes: 15,
          serviceLevelPercent: 80,
        });
        serviceIds.push(svc.body.id);
      }
      siteIds.push(site.body.id);
      visits += await seedHistory(pg, { siteId: site.body.id, serviceIds, timezone: 'Europe/Copenhagen' }, FROM, TO, PER_DAY);
      progress(`statistics: site ${s + 1}/${SITES} seeded (${visits} visits)`);
    }
    await pg.query('ANALYZE ticket');
    const seedSeconds = round((performance.now() - t0) / 1000, 1);

    const r0 = performance.now();
    // What the nightly job does, for two years at once: every site's days, final from then on.
    for (const id of siteIds) await pg.query(`SELECT skranke_stat_rollup($1, $2, $3, $4, now())`, [id, FROM, TO, '2026-11-30']);
    await pg.query('ANALYZE stat_service_day');
    const rollupSeconds = round((performance.now() - r0) / 1000, 1);
    progress(`statistics: rolled up in ${rollupSeconds} s`);

    const query = `/reports/volume?siteIds=${siteIds.join(',')}&from=${YEAR_FROM}&to=${TO}&interval=month`;
    let rows = 0;
    for (let i = 0; i < 3; i++) await admin.get(query);
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await admin.get(query);
      samples.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`volume: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      rows = res.body.rows.length;
    }
    const volume = {
      ...summarise(samples),
      unit: 'ms',
      rows,
      sites: SITES,
      period: `${YEAR_FROM}..${TO}`,
      interval: 'month',
      targetP95Ms: 500,
    };
    progress(`statistics: volume p95 ${volume.p90}/${volume.p99} ms`);

    const rssBefore = statusMb(triage.child.pid!, 'VmRSS');
    const e0 = performance.now();
    const res = await fetch(`${triage.url}/api/v1/reports/visits?siteIds=${siteIds.join(',')}&from=${FROM}&to=${TO}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    let lines = 0;
    let bytes = 0;
    let peak = rssBefore ?? 0;
    const sampler = setInterval(() => (peak = Math.max(peak, statusMb(triage.child.pid!, 'VmRSS') ?? 0)), 100);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
    } finally {
      clearInterval(sampler);
    }
    const exportSeconds = (performance.now() - e0) / 1000;
    // Around the rows: 5 filter lines, a blank and the header before; a blank, the heading, the report's and the 11 columns' definitions after.
    const exportRows = lines - 7 - 14;
    return {
      seeded: { sites: SITES, services: SITES * SERVICES, visits, from: FROM, to: TO, seconds: seedSeconds },
      rollup: { seconds: rollupSeconds, days: visits ? Number((await pg.query('SELECT count(*) AS n FROM stat_day_done')).rows[0].n) : 0 },
      volume,
      export: {
        status: res.status,
        rows: exportRows,
        megabytes: round(bytes / 2 ** 20, 1),
        seconds: round(exportSeconds, 1),
        rowsPerSecond: Math.round(exportRows / exportSeconds),
        targetRowsPerSecond: 50_000,
        rssBeforeMb: rssBefore,
        peakRssMb: round(peak, 1),
        peakRssLifetimeMb: statusMb(triage.child.pid!, 'VmHWM'),
        targetRssMb: 200,
        app: mode,
      },
    };
  } finally {
    await pg.end().catch(() => undefined);
    await triage.stop();
    await clearRedisPrefix(prefix).catch(() => undefined);
  }
}
