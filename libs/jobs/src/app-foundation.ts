import { DynamicModule, Type } from '@nestjs/common';
import { Clock, CoreModule } from '@skranke/core';
import { PlatformModule, PlatformOptions } from '@skranke/platform';
import { RealtimePublisherModule, RedisEventSink } from '@skranke/realtime';
import { JobsModule } from './jobs.module';
import { Queues } from './queues';
import { WaitTimerSink } from './wait-timer.sink';
import { WebhookWakeSink } from './webhooks/wake.sink';

export interface AppOptions {
  /** Environment to read instead of the process environment (tests, the demo). */
  env?: Record<string, string | undefined>;
  clock?: Clock;
}

/**
 * What every app imports: platform, the core services with their event sinks
 * (realtime fan-out, wait timers, webhook wake-ups), and the job processors (which only run
 * where RUN_WORKERS is true).
 */
export function appFoundation(app: PlatformOptions['app'], options: AppOptions): (DynamicModule | Type)[] {
  return [
    PlatformModule.forApp({ app, env: options.env, clock: options.clock, runWorkersByDefault: app === 'triage' }),
    CoreModule.forRoot({ sinks: [RedisEventSink, WaitTimerSink, WebhookWakeSink], providers: [Queues] }),
    RealtimePublisherModule,
    JobsModule,
  ];
}
