import { useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import type { FloorState } from '../common/room-view';
import type { StaffContext } from '../common/staff-gate';
import { type LabelledItem, labelOf, serviceName, t } from '../common/texts';

type Outcome = 'resolved-on-spot' | 'self-service' | 'referred' | 'ticket';
const OUTCOMES: Outcome[] = ['resolved-on-spot', 'self-service', 'referred', 'ticket'];
const CHANNELS = ['pc', 'phone'];
type Status = { text: string; ok: boolean } | null;
type Body = { outcome: Outcome; topic?: string; referralTarget?: string; ticket?: { serviceId: string; priority: number; note?: string; flags: string[] } };

/**
 * The visitering's four outcomes: the first tap picks the outcome, the second
 * its topic, channel, target or service (which issues the ticket at once, with
 * the flags, priority and note set before it). Every triage is an encounter.
 */
export function TriagePanel({ ctx, state, onRecorded }: { ctx: StaffContext; state: FloorState; onRecorded: () => void }) {
  const [open, setOpen] = useState<Outcome | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const settings = state.site.settings;

  const record = async (body: Body, what: string) => {
    try {
      const { data } = await ctx.api.POST('/api/v1/sites/{siteId}/encounters', {
        params: { path: { siteId: ctx.site.id }, header: { 'idempotency-key': crypto.randomUUID() } },
        body,
      });
      setStatus({ text: data?.ticket ? t('ticketIssued', { number: data.ticket.number }) : t('recorded', { what }), ok: true });
      setOpen(null);
      onRecorded();
    } catch (e) {
      setStatus({ text: errorText(t, e), ok: false });
    }
  };

  const choices = (title: string, items: LabelledItem[], pick: (key: string, label: string) => void) => (
    <>
      <h3>{title}</h3>
      <div class="choices">
        {items.map((i) => {
          const label = labelOf(items, i.key);
          return <button type="button" key={i.key} onClick={() => pick(i.key, label)}>{label}</button>;
        })}
      </div>
    </>
  );
  const channels: LabelledItem[] = CHANNELS.map((c) => ({ key: c, labels: { da: t(`selfService.${c}`), en: t(`selfService.${c}`), de: t(`selfService.${c}`) } }));

  return (
    <section class="triage" aria-labelledby="triage-title">
      <h2 id="triage-title">{t('triage')}</h2>
      {open === null ? (
        <div class="outcomes">
          {OUTCOMES.map((o) => (
            <button type="button" key={o} class="outcome" onClick={() => (setOpen(o), setStatus(null))}>{t(`outcome.${o}`)}</button>
          ))}
        </div>
      ) : (
        <>
          {open === 'resolved-on-spot' && choices(t('chooseTopic'), settings.topics, (topic, label) => void record({ outcome: 'resolved-on-spot', topic }, label))}
          {open === 'self-service' && choices(t('chooseChannel'), channels, (topic, label) => void record({ outcome: 'self-service', topic }, label))}
          {open === 'referred' && choices(t('chooseTarget'), settings.referralTargets, (referralTarget, label) => void record({ outcome: 'referred', referralTarget }, label))}
          {open === 'ticket' && <TicketForm state={state} onIssue={(ticket, code) => void record({ outcome: 'ticket', ticket }, code)} />}
          <button type="button" class="secondary back" onClick={() => setOpen(null)}>{t('back')}</button>
        </>
      )}
      <p class={`status ${status?.ok ? 'ok' : 'error'}`} role="status" data-testid="triage-status">{status?.text ?? ''}</p>
    </section>
  );
}

function TicketForm({ state, onIssue }: { state: FloorState; onIssue: (ticket: NonNullable<Body['ticket']>, code: string) => void }) {
  const [flags, setFlags] = useState<string[]>([]);
  const [priority, setPriority] = useState(0);
  const [note, setNote] = useState('');
  const items = state.site.settings.flags;
  const toggle = (key: string) => setFlags(flags.includes(key) ? flags.filter((f) => f !== key) : [...flags, key]);
  return (
    <>
      <div class="choices" role="group" aria-label={t('flags')}>
        {items.map((f) => (
          <button type="button" key={f.key} class="secondary toggle" aria-pressed={flags.includes(f.key)} data-flag={f.key} onClick={() => toggle(f.key)}>
            {labelOf(items, f.key)}
          </button>
        ))}
        <button type="button" class="secondary toggle" aria-pressed={priority > 0} onClick={() => setPriority(priority ? 0 : 1)}>{t('priority')}</button>
      </div>
      <label class="note-field">
        {t('noteLabel')}
        <input name="note" maxLength={200} placeholder={t('note')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <h3>{t('chooseService')}</h3>
      <div class="choices">
        {state.services.map((s) => (
          <button type="button" key={s.serviceId} class="service" data-service={s.code}
            onClick={() => onIssue({ serviceId: s.serviceId, priority, note: note.trim() || undefined, flags }, s.code)}>
            {serviceName(s.names)}
          </button>
        ))}
      </div>
    </>
  );
}
