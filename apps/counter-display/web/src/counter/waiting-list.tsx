import { formatClock } from '@skranke/web';
import { lang, serviceName, t } from '../common/texts';
import { CurrentView, WaitingTicket } from './counter-api';
import { CounterSession } from './counter-session';
import { Hint } from './hint';
import { minutesSince } from './elapsed';

type Queue = CurrentView['queues'][number];

/**
 * The counter's services' queues at a glance (count and longest wait against
 * the target), opening into the numbers waiting, in line order, each with
 * "Kald dette nummer". Collapsed by default: the seats come first.
 */
export function WaitingList({ session, now }: { session: CounterSession; now: number }) {
  const view = session.view!;
  const total = view.queues.reduce((n, q) => n + q.waiting, 0);
  const state = view.counter.state;
  const why = state !== 'open' ? t(state === 'paused' ? 'disabled.paused' : 'disabled.closed') : session.freeSeat(session.selectedSeat) === null ? t('disabled.noFreeSeat') : null;
  return (
    <details class="waiting-list" data-waiting={total}>
      <summary>
        <span class="waiting-title">{t('waiting.title')}</span>
        <span class="waiting-total">{t('waiting.count', { count: total })}</span>
        <span class="queues" aria-label={t('queues.title')}>
          {view.queues.map((q) => (
            <QueueChip view={view} queue={q} />
          ))}
        </span>
      </summary>
      <Hint id="why-call-number" text={total ? why : null} />
      {total === 0 && <p class="waiting-empty">{t('waiting.empty')}</p>}
      <div class="waiting-groups">
        {view.queues
          .filter((q) => q.tickets.length)
          .map((q) => (
            <section class="waiting-group" data-service={q.serviceId} aria-label={serviceLabel(view, q.serviceId)}>
              <h2>{serviceLabel(view, q.serviceId)}</h2>
              <ol>
                {q.tickets.map((ticket) => (
                  <WaitingRow ticket={ticket} now={now} disabledWhy={why} onCall={() => void session.callTicket(ticket.id)} />
                ))}
              </ol>
            </section>
          ))}
      </div>
    </details>
  );
}

function serviceLabel(view: CurrentView, serviceId: string): string {
  const service = view.services.find((s) => s.id === serviceId);
  return service ? `${service.prefix} · ${serviceName(service.names)}` : '';
}

function QueueChip({ view, queue }: { view: CurrentView; queue: Queue }) {
  const level = queue.longestWaitMinutes >= queue.targetWaitMinutes ? 'bad' : queue.longestWaitMinutes >= queue.targetWaitMinutes * 0.75 ? 'warn' : 'ok';
  const service = view.services.find((s) => s.id === queue.serviceId);
  return (
    <span class={`queue queue-${level}`} data-service={queue.serviceId}>
      <strong>{service?.prefix ?? ''}</strong> <span class="queue-waiting">{t('queues.waiting', { count: queue.waiting })}</span>
      {queue.waiting > 0 && <span class="queue-longest"> · {t('queues.longest', { minutes: queue.longestWaitMinutes, target: queue.targetWaitMinutes })}</span>}
    </span>
  );
}

function WaitingRow({ ticket, now, disabledWhy, onCall }: { ticket: WaitingTicket; now: number; disabledWhy: string | null; onCall: () => void }) {
  const waited = minutesSince(now, ticket.issuedAt);
  return (
    <li class="waiting-ticket" data-ticket={ticket.id}>
      <span class="waiting-number">{ticket.number}</span>
      <span class="waiting-since">{waited < 1 ? t('waiting.waitedSoon') : t('waiting.waited', { minutes: waited })}</span>
      {ticket.priority > 0 && <span class="badge">{t('waiting.priority')}</span>}
      {ticket.appointmentAt && <span class="badge">{t('waiting.appointment', { time: formatClock(lang, ticket.appointmentAt) })}</span>}
      <button
        class="secondary call-ticket"
        data-call-ticket={ticket.number}
        disabled={!!disabledWhy}
        aria-describedby={disabledWhy ? 'why-call-number' : undefined}
        onClick={onCall}
      >
        {t('waiting.call')}
        <span class="sr-only"> {ticket.number}</span>
      </button>
    </li>
  );
}
