import { useState } from 'preact/hooks';
import { lang, serviceName, t } from '../common/texts';
import { CounterService, CurrentView, HELP_MODES, OUTCOMES, PLACEMENTS, StaffTicket } from './counter-api';
import { CounterSession } from './counter-session';
import { clock, elapsedLevel, minutesSince } from './elapsed';
import { Hint } from './hint';

const Kbd = ({ k }: { k: string }) => <kbd>{k}</kbd>;

/** A seat's name: every seat of a medbetjening station is named, other multi-seat counters number theirs. */
export function seatTitle(kind: string, seats: number, seat: number): string | null {
  if (kind === 'assisted-self-service') return t('seat.assisted', { seat });
  return seats > 1 ? t('seat', { seat }) : null;
}

/** One seat: its citizen with everything staff need, or a button calling the next citizen into it. */
export function Seat({ session, seat, now }: { session: CounterSession; seat: number; now: number }) {
  const view = session.view!;
  const ticket = session.ticketAt(seat);
  const title = seatTitle(view.counter.kind, view.seats.length, seat);
  const selected = session.selectedSeat === seat;
  const state = view.counter.state;
  const multi = view.seats.length > 1;
  if (!ticket) {
    const why = state === 'open' ? null : t(state === 'paused' ? 'disabled.paused' : 'disabled.closed');
    return (
      <section class={`seat free${selected ? ' selected' : ''}`} data-seat={seat} onFocusIn={() => (session.selectedSeat = seat)} aria-label={title ?? undefined}>
        {title && <h2 class="seat-title">{title}</h2>}
        <p class="seat-free">{t('seat.free')}</p>
        <button class="call-next big" data-k={`call-${seat}`} disabled={!!why} aria-describedby={why ? `why-call-${seat}` : undefined} onClick={() => void session.callNext(seat)}>
          {multi ? t('action.callInto', { seat }) : t('action.callNext')} <Kbd k="Enter" />
        </button>
        <Hint id={`why-call-${seat}`} text={why} />
      </section>
    );
  }
  const service = view.services.find((s) => s.id === ticket.serviceId);
  const since = ticket.startedAt ?? ticket.calledAt;
  const level = since && service ? elapsedLevel(minutesSince(now, since), service.targetWaitMinutes) : 'ok';
  const whyNext = state === 'open' ? null : t(state === 'paused' ? 'disabled.paused' : 'disabled.closed');
  return (
    <section
      class={`seat busy elapsed-${level}${selected ? ' selected' : ''}`}
      data-seat={seat}
      data-ticket={ticket.id}
      data-elapsed={level}
      aria-label={title ?? undefined}
      onClick={multi && !selected ? () => session.select(seat) : undefined}
      onFocusIn={() => (session.selectedSeat = seat)}
    >
      {title && <h2 class="seat-title">{title}</h2>}
      <TicketHeader ticket={ticket} service={service} since={since} now={now} level={level} flags={view.flags} />
      <div class="row">
        <button class="secondary" data-k={`recall-${seat}`} onClick={() => void session.recall(seat)}>
          {t('action.recall')} <Kbd k="R" />
        </button>
        {ticket.status === 'called' && (
          <button class="secondary" data-k={`start-${seat}`} onClick={() => void session.start(seat)}>
            {t('action.start')} <Kbd k="S" />
          </button>
        )}
        {ticket.status === 'called' && (
          <button class="secondary" data-k={`noshow-${seat}`} onClick={() => void session.noShow(seat)}>
            {t('action.noShow')} <Kbd k="N" />
          </button>
        )}
        <button class="secondary" data-k={`transfer-${seat}`} aria-expanded={session.transferSeat === seat} onClick={() => session.toggleTransfer(seat)}>
          {t('action.transfer')} <Kbd k="T" />
        </button>
      </div>
      {session.transferSeat === seat && <TransferPanel session={session} seat={seat} ticket={ticket} />}
      <div class="row help-modes" role="group" aria-label={t('helpMode.title')}>
        {HELP_MODES.map((mode) => (
          <button class="toggle" aria-pressed={session.helpMode[seat] === mode} data-k={`help-${seat}-${mode}`} onClick={() => session.toggleHelp(seat, mode)}>
            {t(`helpMode.${mode}`)} <Kbd k={mode[0].toUpperCase()} />
          </button>
        ))}
      </div>
      <div class="row outcomes" role="group" aria-label={t('finish.title')}>
        {OUTCOMES.map((outcome, i) => (
          <button class="outcome" data-outcome={outcome} data-k={`finish-${seat}-${outcome}`} onClick={() => void session.finish(seat, outcome)}>
            <Kbd k={String(i + 1)} /> {t(`outcome.${outcome}`)}
          </button>
        ))}
      </div>
      <button
        class="finish-next big"
        data-k={`finish-next-${seat}`}
        disabled={!!whyNext}
        aria-describedby={whyNext ? `why-next-${seat}` : undefined}
        onClick={() => void session.finish(seat, 'resolved', true)}
      >
        {t('action.finishAndNext')} <Kbd k="Shift+Enter" />
      </button>
      <Hint id={`why-next-${seat}`} text={whyNext} />
    </section>
  );
}

function TicketHeader({ ticket, service, since, now, level, flags }: { ticket: StaffTicket; service?: CounterService; since: string | null; now: number; level: string; flags: CurrentView['flags'] }) {
  return (
    <div class="ticket">
      <div class="ticket-number">{ticket.number}</div>
      <div class="ticket-service">{service ? serviceName(service.names) : ''}</div>
      {since && (
        <div class="ticket-time">
          {t(ticket.status === 'in-service' ? 'ticket.in-service' : 'ticket.called', { time: clock(now, since) })}
          {level === 'bad' && service && <span class="over-target"> · {t('seat.overTarget', { minutes: service.targetWaitMinutes })}</span>}
        </div>
      )}
      {ticket.recallCount > 0 && <div class="ticket-recalls">{t('ticket.recalls', { count: ticket.recallCount })}</div>}
      {ticket.note && (
        <div class="ticket-note">
          <strong>{t('ticket.note')}:</strong> {ticket.note}
        </div>
      )}
      {ticket.flags.length > 0 && (
        <div class="ticket-flags">
          <strong>{t('ticket.flags')}:</strong>{' '}
          {ticket.flags.map((f) => (
            <span class="flag">{flagName(flags, f)}</span>
          ))}
        </div>
      )}
    </div>
  );
}

/** A flag by its name in the page's language (the site's flag list), else by its key. */
function flagName(flags: CurrentView['flags'], key: string): string {
  const item = flags.find((f) => f.key === key);
  return item ? (item.labels[lang as keyof (typeof item)['labels']] ?? item.labels.da) : key;
}

function TransferPanel({ session, seat, ticket }: { session: CounterSession; seat: number; ticket: StaffTicket }) {
  const services = session.view!.services;
  const [target, setTarget] = useState(() => services.find((s) => s.id !== ticket.serviceId)?.id ?? services[0]?.id ?? '');
  const id = `transfer-service-${seat}`;
  return (
    <div class="transfer-panel">
      <label for={id}>{t('transfer.service')}</label>
      <select id={id} data-k={id} value={target} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
        {services.map((s) => (
          <option value={s.id}>{`${s.prefix} · ${serviceName(s.names)}`}</option>
        ))}
      </select>
      <div class="row">
        {PLACEMENTS.map((p) => (
          <button data-placement={p} data-k={`transfer-${seat}-${p}`} onClick={() => void session.transfer(seat, target, p)}>
            {t(`transfer.${p}`)}
          </button>
        ))}
        <button class="secondary" onClick={() => session.toggleTransfer(null)}>
          {t('action.cancelTransfer')}
        </button>
      </div>
    </div>
  );
}
