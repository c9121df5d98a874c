import { h } from '@skranke/web';
import { tr } from '../languages';

type T = ReturnType<typeof tr>;

export interface TrackedTicket {
  siteId: string;
  siteName: string;
  number: string;
  status: string;
  service: { names: Record<string, string> };
  language: string;
  ahead: number | null;
  estimatedWait: { minutes: number; low: number; high: number } | null;
  counterName: string | null;
}

export function waitingView(tk: TrackedTicket, t: T, leave: () => void) {
  const ahead = tk.ahead ?? 0;
  const w = tk.estimatedWait;
  return h(
    'section',
    { class: 'waiting', 'data-status': 'waiting', 'data-ahead': ahead },
    h('p', { class: 'ahead' }, ahead === 0 ? t('ticket.aheadNone') : ahead === 1 ? t('ticket.aheadOne') : t('ticket.ahead', { ahead })),
    w && w.high > 0 ? h('p', { class: 'wait' }, t('kiosk.wait', { low: w.low, high: w.high })) : null,
    h('button', { class: 'leave secondary', onclick: leave }, t('ticket.leave')),
  );
}

export function calledView(tk: TrackedTicket, t: T) {
  const key = tk.status === 'called' ? 'ticket.yourTurn' : 'ticket.inService';
  return h('section', { class: 'called', 'data-status': tk.status, role: 'alert' }, h('h2', {}, t(key, { counter: tk.counterName ?? '' })));
}

export function surveyView(t: T, send: (answer: Record<string, unknown>) => Promise<void>) {
  const yesNo = (name: string) =>
    h('div', { class: 'options' }, [true, false].map((v) => h('label', {}, h('input', { type: 'radio', name, value: String(v) }), t(v ? 'yes' : 'no'))));
  const guidance = h('div', { class: 'options' }, ['very-good', 'good', 'poor', 'unacceptable'].map((v) => h('label', {}, h('input', { type: 'radio', name: 'guidance', value: v }), t(`guidance.${v}`))));
  const comment = h('textarea', { id: 'comment', name: 'comment', maxlength: 500, rows: 3 });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'survey', 'data-status': 'survey' },
    h('h2', {}, t('survey.title')),
    h('fieldset', {}, h('legend', {}, t('survey.got')), yesNo('gotWhatCameFor')),
    h('fieldset', {}, h('legend', {}, t('survey.guidance')), guidance),
    h('fieldset', {}, h('legend', {}, t('survey.seen')), yesNo('feltSeenAndHeard')),
    h('label', { for: 'comment' }, t('survey.comment')),
    comment,
    message,
    h('button', { type: 'submit' }, t('survey.send')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = (name: string) => (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value;
    const bool = (v: string | undefined) => (v === undefined ? undefined : v === 'true');
    const answer = { gotWhatCameFor: bool(picked('gotWhatCameFor')), guidance: picked('guidance'), feltSeenAndHeard: bool(picked('feltSeenAndHeard')), comment: comment.value.trim() || undefined };
    send(answer).catch((err: Error) => (message.textContent = err.message));
  });
  return form;
}
