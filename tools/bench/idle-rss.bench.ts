/**
 * Each app's resident memory at idle, as its own process: the built bundle
 * (dist/apps/<app>/main.js) when it exists, else the TypeScript entry through
 * @swc-node/register (which adds the transpiler to the figure). Waits for
 * GET /api/v1/health to answer 200, lets the process settle, reads VmRSS.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { BenchDatabase } from './bench-db';
import { BENCH_REDIS_URL, clearRedisPrefix, randomSuffix } from './bench-db';
import { progress, round } from './stats';

const APPS = [
  { app: 'ticketing', portVar: 'TICKETING_PORT', port: 39101 },
  { app: 'triage', portVar: 'TRIAGE_PORT', port: 39102 },
  { app: 'counter-display', portVar: 'COUNTER_DISPLAY_PORT', port: 39103 },
] as const;
const SETTLE_MS = 3000;
const BOOT_TIMEOUT_MS = 60_000;
const TARGET_MB = 150;
const ROOT = path.resolve(__dirname, '../..');

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

async function choosePort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p += 10) if (await portFree(p)) return p;
  throw new Error(`no free port near ${preferred}`);
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    await res.text();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

async function measure(app: (typeof APPS)[number], mode: 'dist' | 'swc', env: NodeJS.ProcessEnv) {
  const port = await choosePort(app.port);
  const args =
    mode === 'dist'
      ? [path.join('dist/apps', app.app, 'main.js')]
      : ['-r', '@swc-node/register', path.join('apps', app.app, 'src/main.ts')];
  const started = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, [app.portVar]: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  try {
    while (!(await healthy(port))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`exited (${child.exitCode ?? child.signalCode}) before health: ${stderr.trim().slice(-500)}`);
      if (Date.now() - started > BOOT_TIMEOUT_MS)
        throw new Error(`health not 200 within ${BOOT_TIMEOUT_MS} ms: ${stderr.trim().slice(-500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const bootMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const rssKb = statusKb(child.pid!, 'VmRSS');
    const hwmKb = statusKb(child.pid!, 'VmHWM');
    if (rssKb === null) throw new Error('could not read /proc/<pid>/status');
    const rssMb = round(rssKb / 1024, 1);
    return {
      mode,
      entry: args[args.length - 1],
      port,
      bootMs,
      rssMb,
      peakRssMb: hwmKb === null ? null : round(hwmKb / 1024, 1),
      targetMb: TARGET_MB,
      targetMet: rssMb < TARGET_MB,
    };
  } finally {
    await stopChild(child);
  }
}

export async function run(db: BenchDatabase): Promise<Record<string, unknown>> {
  const prefix = `benchrss${randomSuffix()}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: db.url,
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: 'bench-secret-that-is-long-enough',
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'false',
    RUN_WORKERS: 'false',
  };
  const out: Record<string, unknown> = {};
  try {
    for (const app of APPS) {
      const dist = existsSync(path.join(ROOT, 'dist/apps', app.app, 'main.js'));
      progress(`idle-rss: ${app.app} (${dist ? 'dist bundle' : 'swc-node from source'})`);
      try {
        out[app.app] = await measure(app, dist ? 'dist' : 'swc', env);
      } catch (e) {
        if (!dist) {
          out[app.app] = { error: (e as Error).message };
          continue;
        }
        // A stale or half-written bundle (someone may be building): measure from source instead.
        progress(`idle-rss: ${app.app} from dist failed (${(e as Error).message.slice(0, 200)}); trying swc-node`);
        try {
          out[app.app] = { ...(await measure(app, 'swc', env)), distFailed: (e as Error).message.slice(0, 300) };
        } catch (e2) {
          out[app.app] = { error: (e2 as Error).message, distFailed: (e as Error).message.slice(0, 300) };
        }
      }
      progress(`idle-rss: ${app.app}: ${JSON.stringify(out[app.app])}`);
    }
    // Apps measured from source carry the transpiler; measure a built app from source too to show how much.
    const fromSource = APPS.filter((a) => (out[a.app] as { mode?: string })?.mode === 'swc');
    const built = APPS.find((a) => (out[a.app] as { mode?: string })?.mode === 'dist');
    if (fromSource.length && built) {
      progress(`idle-rss: ${built.app} again from source, to size the swc-node overhead`);
      try {
        const ref = await measure(built, 'swc', env);
        const overheadMb = round(ref.rssMb - (out[built.app] as { rssMb: number }).rssMb, 1);
        out.sourceVsBuilt = {
          app: built.app,
          distRssMb: (out[built.app] as { rssMb: number }).rssMb,
          swcRssMb: ref.rssMb,
          overheadMb,
          note: `${fromSource.map((a) => a.app).join(', ')} had no dist bundle and ran through @swc-node/register; subtract about ${overheadMb} MB for a built bundle.`,
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
