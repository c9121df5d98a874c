import { h, waitText } from '@skranke/web';
import type { TicketingSchemas } from '@skranke/web';
import { tr } from '../languages';

type T = ReturnType<typeof tr>;
export type TrackedTicket = TicketingSchemas['schemas']['TrackedTicketSchema'];
export type SurveyAnswer = TicketingSchemas['schemas']['SurveyDto'];

export function waitingView(tk: TrackedTicket, t: T, leave: () => void, notify: HTMLElement | null = null) {
  const ahead = tk.ahead ?? 0;
  const w = waitText(t, tk.estimatedWait);
  return h(
    'section',
    { class: 'waiting', 'data-status': 'waiting', 'data-ahead': ahead },
    h('p', { class: 'ahead' }, ahead === 0 ? t('ticket.aheadNone') : ahead === 1 ? t('ticket.aheadOne') : t('ticket.ahead', { ahead })),
    h('p', { class: tk.estimatedWait ? 'wait' : 'wait no-counter' }, tk.estimatedWait ? t('ticket.wait', { wait: w.range ? `${w.text} (${w.range})` : w.text }) : t('ticket.waitNoCounter')),
    h('p', { class: 'keep-open' }, t('ticket.keepOpen')),
    notify,
    h('button', { class: 'leave secondary', 'aria-haspopup': 'dialog', onclick: leave }, t('ticket.leave')),
  );
}

/**
 * "Do you want to leave the queue?" as a modal dialog (focus stays inside, Esc
 * is No). Kept outside the page's root, which is re-rendered on every update.
 */
export function leaveDialog(): { ask: (t: T, number: string, yes: () => void) => void; close: () => void } {
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'leave-question', 'aria-describedby': 'leave-explain' });
  document.body.append(dialog);
  return {
    ask(t, number, yes) {
      const no = h('button', { class: 'no', onclick: () => dialog.close() }, t('ticket.leaveNo'));
      dialog.replaceChildren(
        h('h2', { id: 'leave-question' }, t('ticket.leaveQuestion')),
        h('p', { id: 'leave-explain' }, t('ticket.leaveExplain', { number })),
        h(
          'div',
          { class: 'dialog-actions' },
          h('button', { class: 'yes secondary', onclick: () => (dialog.close(), yes()) }, t('ticket.leaveYes')),
          no,
        ),
      );
      dialog.showModal();
      no.focus(); // the safe answer first: a stray tap keeps the place
    },
    close: () => dialog.open && dialog.close(),
  };
}

export function calledView(tk: TrackedTicket, t: T) {
  const key = tk.status === 'called' ? 'ticket.yourTurn' : 'ticket.inService';
  return h('section', { class: 'called', 'data-status': tk.status, role: 'alert' }, h('h2', {}, t(key, { counter: tk.counterName ?? '' })));
}

/** A question's answers as large chips: a radio group whose labels are the touch targets. */
const chips = (name: string, options: [string, string][]) =>
  h('div', { class: 'chips' }, options.map(([value, label]) => h('label', { class: 'chip' }, h('input', { type: 'radio', name, value }), h('span', {}, label))));

export function surveyView(t: T, send: (answer: SurveyAnswer) => Promise<void>, problem: (err: unknown) => string) {
  const yesNo = (name: string) => chips(name, [['true', t('yes')], ['false', t('no')]]);
  const guidance = chips('guidance', ['very-good', 'good', 'poor', 'unacceptable'].map((v) => [v, t(`guidance.${v}`)]));
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
    h('button', { type: 'submit', class: 'send' }, t('survey.send')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
    const bool = (v: string | undefined) => (v === undefined ? undefined : v === 'true');
    const answer: SurveyAnswer = {
      gotWhatCameFor: bool(picked('gotWhatCameFor')),
      guidance: picked('guidance') as SurveyAnswer['guidance'],
      feltSeenAndHeard: bool(picked('feltSeenAndHeard')),
      comment: comment.value.trim() || undefined,
    };
    send(answer).catch((err: unknown) => (message.textContent = problem(err)));
  });
  return form;
}
