import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CounterState, conflict } from '@skranke/domain';
import { Counter } from '@skranke/persistence';
import { Actor, actorUserId } from '../actor';
import { Clock } from '../clock';
import { EVENT_SINKS, EventSink } from '../events/site-event';
import { runSiteChange } from '../events/site-transaction';
import { QueueStateService } from '../state/queue-state.service';
import { lockCounter } from '../tickets/ticket-rows';

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
    staffUserId: c.staffUserId,
    stateChangedAt: c.stateChangedAt.toISOString(),
  };
}

@Injectable()
export class CounterStateService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_SINKS) private readonly sinks: EventSink[],
    private readonly clock: Clock,
    private readonly queueState: QueueStateService,
  ) {}

  open(siteId: string, counterId: string, actor: Actor) {
    return this.change(siteId, counterId, actor, 'open', null);
  }

  pause(siteId: string, counterId: string, actor: Actor, reason: string | null) {
    return this.change(siteId, counterId, actor, 'paused', reason);
  }

  close(siteId: string, counterId: string, actor: Actor) {
    return this.change(siteId, counterId, actor, 'closed', null);
  }

  private change(siteId: string, counterId: string, actor: Actor, state: CounterState, reason: string | null) {
    return runSiteChange(this.dataSource, this.sinks, siteId, actor, this.clock.now(), async (tx, change) => {
      const counter = await lockCounter(tx, counterId);
      if (counter.siteId !== siteId) throw conflict('counter_other_site', 'That counter belongs to another site.');
      if (state === 'closed') {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM ticket WHERE counter_id = $1 AND status IN ('called', 'in-service')`, [counter.id]);
        if (n > 0) throw conflict('counter_has_active_ticket', `${counter.name} still has ${n} citizen(s); finish or transfer them first.`);
      }
      counter.state = state;
      counter.pauseReason = state === 'paused' ? reason : null;
      counter.staffUserId = state === 'closed' ? null : (actorUserId(actor) ?? counter.staffUserId);
      counter.stateChangedAt = change.now;
      await tx.getRepository(Counter).update(counter.id, {
        state: counter.state,
        pauseReason: counter.pauseReason,
        staffUserId: counter.staffUserId,
        stateChangedAt: counter.stateChangedAt,
      });
      const view = counterView(counter);
      change.add({
        type: 'counter.changed',
        ticketId: null,
        counterId: counter.id,
        payload: { counterId: counter.id, name: counter.name, state: counter.state, kind: counter.kind },
        staffPayload: view,
      });
      // Open counters change every estimate of the services they serve.
      change.add(await this.queueState.changedEvent(tx, siteId, counter.serviceIds));
      return view;
    });
  }
}
