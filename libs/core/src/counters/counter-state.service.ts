import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CounterState } from '@skranke/domain';
import { Counter, columnList, hydrate } from '@skranke/persistence';
import { Actor, actorDeviceId, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { StoredEvent, callChangeFunction, publishStored } from '../events/site-function';
import { QueueStateService } from '../state/queue-state.service';

export function counterView(c: Counter) {
  return {
    id: c.id,
    siteId: c.siteId,
    name: c.name,
    kind: c.kind,
    seats: c.seats,
    serviceIds: c.serviceIds,
    state: c.state,
    pauseReason: c.pauseReason,
    pausedUntil: c.pausedUntil?.toISOString() ?? null,
    staffUserId: c.staffUserId,
    stateChangedAt: c.stateChangedAt.toISOString(),
  };
}

/** A counter opens, pauses or closes: one call of `skranke_counter_state`. */
@Injectable()
export class CounterStateService {
  private sql?: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  open(siteId: string, counterId: string, actor: Actor) {
    return this.change(siteId, counterId, actor, 'open', null);
  }

  /** `expectedMinutes`: how long the pause is expected to last (the estimates count on the counter being back then). */
  pause(siteId: string, counterId: string, actor: Actor, reason: string | null, expectedMinutes: number | null = null) {
    return this.change(siteId, counterId, actor, 'paused', reason, expectedMinutes);
  }

  close(siteId: string, counterId: string, actor: Actor) {
    return this.change(siteId, counterId, actor, 'closed', null);
  }

  private async change(siteId: string, counterId: string, actor: Actor, state: CounterState, reason: string | null, expectedMinutes: number | null = null) {
    const now = this.clock.now();
    const until = expectedMinutes === null ? null : new Date(now.getTime() + expectedMinutes * 60_000);
    this.sql ??= `SELECT ${columnList(this.dataSource.manager, Counter, '(r.o_counter)')}, r.o_events
      FROM skranke_counter_state($1, skranke_hold_guard($2, $6), $3, $4, $5, $6, $7, $8, $9) r`;
    const estimates = await this.queueState.estimatesJson(siteId);
    const [row] = await callChangeFunction<{ o_events: StoredEvent[] }>(this.dataSource, this.sql, [
      siteId, counterId, state, reason, now, actorUserId(actor), actorDeviceId(actor), estimates, until,
    ]);
    const view = counterView(hydrate(this.dataSource.manager, Counter, row));
    publishStored(this.sinks, siteId, now, row.o_events, (e) => (e.type === 'counter.changed' ? view : undefined));
    return view;
  }
}
