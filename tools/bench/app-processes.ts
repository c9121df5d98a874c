/**
 * The apps as their own processes, as they run in production: the built
 * bundle (dist/apps/<app>/main.js) or the TypeScript entry through
 * @swc-node/register. Used by the idle-memory bench and by the load benches,
 * whose load generator should not share the apps' event loop.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Api } from '../../test/support/http';
import { ADMIN } from '../../test/support/system';

export type AppName = 'ticketing' | 'triage' | 'counter-display';
export type AppMode = 'dist' | 'swc';

const PORT_VAR: Record<AppName, string> = {
  ticketing: 'TICKETING_PORT',
  triage: 'TRIAGE_PORT',
  'counter-display': 'COUNTER_DISPLAY_PORT',
};
const BOOT_TIMEOUT_MS = 60_000;
const ROOT = path.resolve(__dirname, '../..');

export interface AppProcess {
  app: AppName;
  mode: AppMode;
  entry: string;
  port: number;
  url: string;
  child: ChildProcess;
  bootMs: number;
  stop(): Promise<void>;
}

export const hasBundle = (app: AppName) => existsSync(path.join(ROOT, 'dist/apps', app, 'main.js'));

/** A port the OS just gave out and took back: free unless someone races for it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
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

/** Starts one app and resolves once GET /api/v1/health answers 200. */
export async function spawnApp(app: AppName, mode: AppMode, env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const port = await freePort();
  const entry = mode === 'dist' ? [path.join('dist/apps', app, 'main.js')] : ['-r', '@swc-node/register', path.join('apps', app, 'src/main.ts')];
  // BENCH_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to each app's node, which NODE_OPTIONS cannot do for all flags.
  const args = [...(process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...entry];
  const started = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, [PORT_VAR[app]]: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const stop = () => stopChild(child);
  try {
    while (!(await healthy(port))) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${app} exited (${child.exitCode ?? child.signalCode}) before health: ${stderr.trim().slice(-500)}`);
      if (Date.now() - started > BOOT_TIMEOUT_MS) throw new Error(`${app}: health not 200 within ${BOOT_TIMEOUT_MS} ms: ${stderr.trim().slice(-500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { app, mode, entry: args[args.length - 1], port, url: `http://127.0.0.1:${port}`, child, bootMs: Date.now() - started, stop };
}

/** The environment the apps get in the benches: the bench database and Redis, quiet, no job workers. */
export function benchAppEnv(databaseUrl: string, redisUrl: string, redisPrefix: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: 'bench-secret-that-is-long-enough',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    MIGRATE_ON_BOOT: 'false',
    RUN_WORKERS: 'false',
    ...extra,
  };
}

export interface AppProcesses {
  procs: AppProcess[];
  api: Record<AppName, Api>;
  urls: Record<AppName, string>;
  stop(): Promise<void>;
}

/** The three apps, one process each, from source (always current; the swc transpiler only costs memory and boot time). */
export async function startAppProcesses(env: NodeJS.ProcessEnv, mode: AppMode = 'swc'): Promise<AppProcesses> {
  const procs: AppProcess[] = [];
  const stop = async () => {
    await Promise.all(procs.map((p) => p.stop().catch(() => undefined)));
  };
  try {
    // Triage first: it seeds the bootstrap admin the fixtures log in as.
    procs.push(await spawnApp('triage', mode, env));
    procs.push(...(await Promise.all((['ticketing', 'counter-display'] as const).map((a) => spawnApp(a, mode, env)))));
  } catch (e) {
    await stop();
    throw e;
  }
  const byName = (a: AppName) => procs.find((p) => p.app === a)!;
  const names: AppName[] = ['ticketing', 'triage', 'counter-display'];
  return {
    procs,
    api: Object.fromEntries(names.map((a) => [a, new Api(byName(a).url + '/api/v1')])) as Record<AppName, Api>,
    urls: Object.fromEntries(names.map((a) => [a, byName(a).url])) as Record<AppName, string>,
    stop,
  };
}
