import { h } from '@skranke/web';
import { t } from '../common/texts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
interface Interval { opens: string; closes: string }
interface Exception { date: string; intervals: Interval[]; reason?: string }
export interface OpeningHours { weekly: Partial<Record<string, Interval[]>>; exceptions?: Exception[] }

/** "08:00-12:00, 13:00-17:00" ⇄ intervals; the server checks the times and says what is wrong. */
export const formatIntervals = (list: Interval[] = []) => list.map((i) => `${i.opens}-${i.closes}`).join(', ');
export function parseIntervals(text: string): Interval[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const [opens = '', closes = ''] = part.split(/\s*[-–]\s*/);
    return { opens, closes };
  });
}

function exceptionRow(e: Exception, remove: (row: HTMLElement) => void): HTMLElement {
  const date = h('input', { type: 'date', name: 'exceptionDate', value: e.date, required: true });
  const closed = h('input', { type: 'checkbox', name: 'exceptionClosed' });
  closed.checked = e.intervals.length === 0;
  const intervals = h('input', { name: 'exceptionIntervals', value: formatIntervals(e.intervals), placeholder: '10:00-14:00', disabled: closed.checked });
  closed.addEventListener('change', () => (intervals.disabled = closed.checked));
  const reason = h('input', { name: 'exceptionReason', value: e.reason ?? '', placeholder: t('reason') });
  const row: HTMLElement = h('div', { class: 'exception', 'data-exception': '' }, date, h('label', {}, closed, ' ', t('closedAllDay')), intervals, reason,
    h('button', { class: 'secondary', type: 'button', onclick: () => remove(row) }, t('remove')));
  return row;
}

/** Weekly intervals per weekday and dated exceptions (other hours, or closed all day). `read()` gives the value to PATCH. */
export function hoursEditor(hours: OpeningHours) {
  const days = WEEKDAYS.map((d) => h('input', { name: `hours-${d}`, value: formatIntervals(hours.weekly?.[d]), placeholder: t('closed') }));
  const list = h('div', { class: 'exceptions' });
  const remove = (row: HTMLElement) => row.remove();
  for (const e of hours.exceptions ?? []) list.append(exceptionRow(e, remove));
  const add = h('button', { class: 'secondary', type: 'button', 'data-testid': 'add-exception', onclick: () => list.append(exceptionRow({ date: '', intervals: [] }, remove)) }, t('addException'));
  const read = (): OpeningHours => ({
    weekly: Object.fromEntries(WEEKDAYS.map((d, i) => [d, parseIntervals(days[i].value)])),
    exceptions: [...list.querySelectorAll<HTMLElement>('[data-exception]')].map((row) => {
      const value = (name: string) => row.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      const reason = value('exceptionReason').value.trim();
      return { date: value('exceptionDate').value, intervals: value('exceptionClosed').checked ? [] : parseIntervals(value('exceptionIntervals').value), ...(reason ? { reason } : {}) };
    }),
  });
  const element = h('div', { class: 'hours' },
    h('table', {}, h('tbody', {}, WEEKDAYS.map((d, i) => h('tr', {}, h('th', { scope: 'row' }, t(`day.${d}`)), h('td', {}, days[i]))))),
    h('p', { class: 'muted' }, t('hoursHelp')),
    h('h3', {}, t('exceptions')), list, add,
  );
  return { element, read };
}
