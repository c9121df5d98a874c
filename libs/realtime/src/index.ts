export * from './event-catalogue';
export * from './hub.gateway';
export * from './realtime.module';
export * from './redis-event.sink';
export * from './redis-io.adapter';
export * from './rooms';
export * from './redis-socket-eviction';
