import { t } from '../common/texts';
import { CellProblem, described, onText } from './section';
import { type HoursDraft, newException } from './hours';
import { WEEKDAYS } from './types';

/** Weekly intervals per weekday and dated exceptions (other hours, or closed all day). */
export function HoursEditor({ draft, set, problems }: { draft: HoursDraft; set: (d: HoursDraft) => void; problems: Record<string, string> }) {
  const setDay = (d: (typeof WEEKDAYS)[number]) => onText((v) => set({ ...draft, weekly: { ...draft.weekly, [d]: v } }));
  const setException = (key: number, change: Partial<HoursDraft['exceptions'][number]>) =>
    set({ ...draft, exceptions: draft.exceptions.map((e) => (e.key === key ? { ...e, ...change } : e)) });
  return (
    <div class="hours">
      <h3>{t('openingHours')}</h3>
      <p class="muted" id="hours-help">
        {t('hoursHelp')}
      </p>
      <table class="weekly">
        <tbody>
          {WEEKDAYS.map((d) => {
            const id = `hours-${d}`;
            return (
              <tr key={d}>
                <th scope="row">
                  <label for={id}>{t(`day.${d}`)}</label>
                </th>
                <td>
                  <input name={id} {...described(id, problems[id])} value={draft.weekly[d]} placeholder={t('closed')} onInput={setDay(d)} />
                  <CellProblem id={`${id}-problem`} problem={problems[id]} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('exceptions')}</h3>
      <ul class="exceptions editor-rows">
        {draft.exceptions.map((e) => {
          const id = `exception-${e.key}`;
          return (
            <li key={e.key} class="exception" data-exception="">
              <div class="field">
                <label for={`${id}-date`}>{t('date')}</label>
                <input type="date" name="exceptionDate" {...described(`${id}-date`, problems[`${id}-date`])} value={e.date} onInput={onText((date) => setException(e.key, { date }))} />
                <CellProblem id={`${id}-date-problem`} problem={problems[`${id}-date`]} />
              </div>
              <label class="check">
                <input type="checkbox" name="exceptionClosed" checked={e.closed} onChange={(ev) => setException(e.key, { closed: ev.currentTarget.checked })} />
                {t('closedAllDay')}
              </label>
              <div class="field">
                <label for={`${id}-intervals`}>{t('hoursThatDay')}</label>
                <input
                  name="exceptionIntervals"
                  {...described(`${id}-intervals`, problems[`${id}-intervals`])}
                  value={e.intervals}
                  disabled={e.closed}
                  placeholder="10:00-14:00"
                  onInput={onText((intervals) => setException(e.key, { intervals }))}
                />
                <CellProblem id={`${id}-intervals-problem`} problem={problems[`${id}-intervals`]} />
              </div>
              <div class="field">
                <label for={`${id}-reason`}>{t('reason')}</label>
                <input name="exceptionReason" id={`${id}-reason`} value={e.reason} onInput={onText((reason) => setException(e.key, { reason }))} />
              </div>
              <button type="button" class="secondary" onClick={() => set({ ...draft, exceptions: draft.exceptions.filter((x) => x.key !== e.key) })}>
                {t('removeException')}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="secondary" data-testid="add-exception" onClick={() => set({ ...draft, exceptions: [...draft.exceptions, newException()] })}>
        {t('addException')}
      </button>
    </div>
  );
}
