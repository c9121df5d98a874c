/**
 * A worker process of its own (started by test/faults/notification-worker-killed.spec.ts
 * with `node -r @swc-node/register`): the triage app with RUN_WORKERS, its
 * environment from argv[2] (JSON), its clock running from argv[3] (an ISO
 * instant) at the real pace, so claims expire as they would. Says "ready" on
 * stdout once its workers run; the test kills it with SIGKILL.
 */
import 'reflect-metadata';
import { createTriageApp } from '../../apps/triage/src/triage.app';
import { Clock } from '../../libs/core/src/clock';

class RunningClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

async function main() {
  const env = JSON.parse(process.argv[2]) as Record<string, string>;
  const clock = new RunningClock(new Date(process.argv[3]).getTime() - Date.now());
  const app = await createTriageApp({ env, clock });
  await app.init();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
