import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { progress } from './stats';

/**
 * With BENCH_PROFILE_DIR=dir, a CPU profile of this whole process (apps and
 * load generator) from now until `stop(name)`, written as dir/<name>.cpuprofile
 * (open it in Chrome DevTools). Without it, undefined: nothing is profiled.
 */
export async function startProfile(): Promise<{ stop: (name: string) => Promise<void> } | undefined> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (name) => {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      progress(`cpu profile: ${file}`);
    },
  };
}
