import { ApiError, h, render } from '@skranke/web';
import type { StaffContext } from '../common/staff-gate';
import { serviceName, t } from '../common/texts';

type Outcome = 'resolved-on-spot' | 'self-service' | 'referred' | 'ticket';

/**
 * The four outcomes of a triage: the first tap picks the outcome, the second
 * its topic, channel, target or service (which issues the ticket at once, with
 * the flags, priority and note set before it). Every triage is an encounter.
 */
export function triagePanel(ctx: StaffContext, getState: () => any, onRecorded: () => void): HTMLElement {
  const root = h('section', { class: 'triage', 'aria-label': t('triage') });
  const status = h('p', { class: 'status', role: 'status', 'data-testid': 'triage-status' });
  const record = async (body: Record<string, unknown>, what: string) => {
    try {
      const res = await ctx.api.post(`/sites/${ctx.site.id}/encounters`, body, { 'Idempotency-Key': crypto.randomUUID() });
      render(status, res.ticket ? t('ticketIssued', { number: res.ticket.number }) : t('recorded', { what }));
      status.className = 'status ok';
      menu();
      onRecorded();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      render(status, code === 'cpr_number_in_note' || code === 'cpr_not_allowed' ? t(`error.${code}`) : e instanceof Error ? e.message : String(e));
      status.className = 'status error';
    }
  };
  const choices = (title: string, items: string[], pick: (item: string) => void, label = (s: string) => s) =>
    show(h('h3', {}, title), h('div', { class: 'choices' }, items.map((i) => h('button', { onclick: () => pick(i) }, label(i)))));
  const show = (...content: (HTMLElement | null)[]) =>
    render(root, ...content, h('button', { class: 'secondary back', onclick: menu }, t('back')), status);
  const settings = () => getState().site.settings;

  function menu() {
    const outcomes: Outcome[] = ['resolved-on-spot', 'self-service', 'referred', 'ticket'];
    const open: Record<Outcome, () => void> = {
      'resolved-on-spot': () => choices(t('chooseTopic'), settings().topics, (topic) => record({ outcome: 'resolved-on-spot', topic }, topic)),
      'self-service': () => choices(t('chooseChannel'), ['pc', 'phone'], (c) => record({ outcome: 'self-service', topic: c }, t(`selfService.${c}`)), (c) => t(`selfService.${c}`)),
      referred: () => choices(t('chooseTarget'), settings().referralTargets, (target) => record({ outcome: 'referred', referralTarget: target }, target)),
      ticket: ticketForm,
    };
    render(root, h('div', { class: 'outcomes' }, outcomes.map((o) => h('button', { class: 'outcome', onclick: () => open[o]() }, t(`outcome.${o}`)))), status);
  }

  function ticketForm() {
    const flags = new Set<string>();
    let priority = 0;
    const note = h('input', { name: 'note', maxlength: 200, 'aria-label': t('note'), placeholder: t('note') });
    const toggle = (btn: HTMLButtonElement, on: boolean) => btn.setAttribute('aria-pressed', String(on));
    const flagButtons = settings().flags.map((f: string) => {
      const b = h('button', { class: 'secondary toggle', 'aria-pressed': 'false', 'data-flag': f }, t(`flag.${f}`) === `flag.${f}` ? f : t(`flag.${f}`));
      b.addEventListener('click', () => (flags.has(f) ? flags.delete(f) : flags.add(f), toggle(b, flags.has(f))));
      return b;
    });
    const prio = h('button', { class: 'secondary toggle', 'aria-pressed': 'false' }, t('priority'));
    prio.addEventListener('click', () => ((priority = priority ? 0 : 1), toggle(prio, priority > 0)));
    const services = getState().services.map((s: any) =>
      h('button', { class: 'service', 'data-service': s.code, onclick: () => record({ outcome: 'ticket', ticket: { serviceId: s.serviceId, priority, note: note.value.trim() || undefined, flags: [...flags] } }, s.code) }, serviceName(s.names)),
    );
    show(h('div', { class: 'choices' }, flagButtons, prio), note, h('h3', {}, t('chooseService')), h('div', { class: 'choices' }, services));
  }

  menu();
  return root;
}
