import { Module } from '@nestjs/common';
import { HubGateway } from './hub.gateway';
import { RedisEventSink } from './redis-event.sink';

/** Publishing side: every app that changes tickets. */
@Module({ providers: [RedisEventSink], exports: [RedisEventSink] })
export class RealtimePublisherModule {}

/** Serving side: the counter-display app only. */
@Module({ providers: [HubGateway] })
export class RealtimeHubModule {}
