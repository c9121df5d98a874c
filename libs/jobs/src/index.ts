export * from './day-close.service';
export * from './job-workers';
export * from './jobs.module';
export * from './queue-names';
export * from './queues';
export * from './retention.service';
export * from './wait-target.processor';
export * from './wait-timer.sink';
