import { Global, Module } from '@nestjs/common';
import { SocketEviction } from '@skranke/auth';
import { HubGateway } from './hub.gateway';
import { RedisEventSink } from './redis-event.sink';
import { RedisSocketEviction } from './redis-socket-eviction';

/** Publishing side: every app that changes tickets or ends sessions (global: login and user administration close sockets). */
@Global()
@Module({ providers: [RedisEventSink, { provide: SocketEviction, useClass: RedisSocketEviction }], exports: [RedisEventSink, SocketEviction] })
export class RealtimePublisherModule {}

/** Serving side: the counter-display app only. */
@Module({ providers: [HubGateway] })
export class RealtimeHubModule {}
