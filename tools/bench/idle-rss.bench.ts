/**
 * Each app's resident memory at idle, as its own process: the built bundle
 * (dist/apps/<app>/main.js) when it exists, else the TypeScript entry through
 * @swc-node/register (which adds the transpiler to the figure). Waits for
 * GET /api/v1/health to answer 200, lets the process settle, reads VmRSS.
 */
import { readFileSync } from 'node:fs';
import type { BenchDatabase } from './bench-db';
import { BENCH_REDIS_URL, clearRedisPrefix, randomSuffix } from './bench-db';
import { AppMode, AppName, benchAppEnv, hasBundle, spawnApp } from './app-processes';
import { progress, round } from './stats';

const APPS: AppName[] = ['ticketing', 'triage', 'counter-display'];
const SETTLE_MS = 3000;
const TARGET_MB = 150;

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function measure(app: AppName, mode: AppMode, env: NodeJS.ProcessEnv) {
  const proc = await spawnApp(app, mode, env);
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const rssKb = statusKb(proc.child.pid!, 'VmRSS');
    const hwmKb = statusKb(proc.child.pid!, 'VmHWM');
    if (rssKb === null) throw new Error('could not read /proc/<pid>/status');
    const rssMb = round(rssKb / 1024, 1);
    return {
      mode,
      entry: proc.entry,
      port: proc.port,
      bootMs: proc.bootMs,
      rssMb,
      peakRssMb: hwmKb === null ? null : round(hwmKb / 1024, 1),
      targetMb: TARGET_MB,
      targetMet: rssMb < TARGET_MB,
    };
  } finally {
    await proc.stop();
  }
}

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const prefix = `benchrss${randomSuffix()}`;
  const env = benchAppEnv(db.url, BENCH_REDIS_URL, prefix);
  const out: Record<string, unknown> = {};
  try {
    for (const app of APPS) {
      const dist = hasBundle(app);
      progress(`idle-rss: ${app} (${dist ? 'dist bundle' : 'swc-node from source'})`);
      try {
        out[app] = await measure(app, dist ? 'dist' : 'swc', env);
      } catch (e) {
        if (!dist) {
          out[app] = { error: (e as Error).message };
          continue;
        }
        // A stale or half-written bundle (someone may be building): measure from source instead.
        progress(`idle-rss: ${app} from dist failed (${(e as Error).message.slice(0, 200)}); trying swc-node`);
        try {
          out[app] = { ...(await measure(app, 'swc', env)), distFailed: (e as Error).message.slice(0, 300) };
        } catch (e2) {
          out[app] = { error: (e2 as Error).message, distFailed: (e as Error).message.slice(0, 300) };
        }
      }
      progress(`idle-rss: ${app}: ${JSON.stringify(out[app])}`);
    }
    // Apps measured from source carry the transpiler; measure a built app from source too to show how much.
    const fromSource = APPS.filter((a) => (out[a] as { mode?: string })?.mode === 'swc');
    const built = APPS.find((a) => (out[a] as { mode?: string })?.mode === 'dist');
    if (fromSource.length && built) {
      progress(`idle-rss: ${built} again from source, to size the swc-node overhead`);
      try {
        const ref = await measure(built, 'swc', env);
        const overheadMb = round(ref.rssMb - (out[built] as { rssMb: number }).rssMb, 1);
        out.sourceVsBuilt = {
          app: built,
          distRssMb: (out[built] as { rssMb: number }).rssMb,
          swcRssMb: ref.rssMb,
          overheadMb,
          note: `${fromSource.map((a) => a).join(', ')} had no dist bundle and ran through @swc-node/register; subtract about ${overheadMb} MB for a built bundle.`,
        };
      } catch (e) {
        out.sourceVsBuilt = { error: (e as Error).message };
      }
    }
  } finally {
    await clearRedisPrefix(prefix).catch(() => undefined);
  }
  return out;
}
