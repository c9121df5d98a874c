import { useEffect, useState } from 'preact/hooks';
import type { TriageApi } from '../common/api';
import { t } from '../common/texts';
import { formatIntervals, parseIntervals } from './hours';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { type Counter, WEEKDAYS, type Weekday, answer } from './types';

type Entry = { counterId: string; opens: string; closes: string };
type Plan = { weekly: Partial<Record<Weekday, Entry[]>>; exceptions?: { date: string; entries: Entry[] }[] };
/** Per counter, its intervals that day as text ("08:00-12:00, 13:00-16:00"); empty: not planned. */
type DayDraft = Record<string, string>;
interface Draft {
  weekly: Record<Weekday, DayDraft>;
  exceptions: { key: number; date: string; counters: DayDraft }[];
}

let made = 0;
const dayDraft = (entries: Entry[] = [], counters: Counter[]): DayDraft =>
  Object.fromEntries(counters.map((c) => [c.id, formatIntervals(entries.filter((e) => e.counterId === c.id))]));
const draftOf = (plan: Plan, counters: Counter[]): Draft => ({
  weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, dayDraft(plan.weekly[d], counters)])) as Draft['weekly'],
  exceptions: (plan.exceptions ?? []).map((e) => ({ key: ++made, date: e.date, counters: dayDraft(e.entries, counters) })),
});

/** The draft as the API takes it, or the problems by field id. */
function readDraft(draft: Draft, counters: Counter[]): { plan: Plan } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const entries = (day: DayDraft, idOf: (counterId: string) => string): Entry[] =>
    counters.flatMap((c) => {
      const parsed = parseIntervals(day[c.id] ?? '');
      if (typeof parsed === 'string') {
        problems[idOf(c.id)] = parsed;
        return [];
      }
      return parsed.map((i) => ({ counterId: c.id, ...i }));
    });
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, entries(draft.weekly[d], (c) => `plan-${d}-${c}`)]));
  const seen = new Set<string>();
  const exceptions = draft.exceptions.map((e) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) problems[`plan-exception-${e.key}-date`] = 'invalid.date';
    else if (seen.has(e.date)) problems[`plan-exception-${e.key}-date`] = 'invalid.dateTwice';
    seen.add(e.date);
    return { date: e.date, entries: entries(e.counters, (c) => `plan-exception-${e.key}-${c}`) };
  });
  return Object.keys(problems).length ? { problems } : { plan: { weekly, exceptions } };
}

/**
 * The counter plan (bemandingsplan): per weekday and counter when it is
 * planned open, and dated exceptions (an empty counter: not planned that day).
 * Booking capacity comes from it (issue 19, item 1).
 */
export function CounterPlanSection({ api, siteId, counters }: { api: TriageApi; siteId: string; counters: Counter[] }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useSave();
  useEffect(() => {
    api.GET('/api/v1/sites/{siteId}/counter-plan', { params: { path: { siteId } } }).then(
      (r) => setDraft(draftOf(answer(r) as Plan, counters)),
      () => setDraft(draftOf({ weekly: {} }, counters)),
    );
  }, [counters]);
  if (!draft) return <Section id="counter-plan" title={t('section.counter-plan')}>{null}</Section>;

  const setWeekly = (d: Weekday, counterId: string) => onText((v) => setDraft({ ...draft, weekly: { ...draft.weekly, [d]: { ...draft.weekly[d], [counterId]: v } } }));
  const setException = (key: number, change: Partial<Draft['exceptions'][number]>) =>
    setDraft({ ...draft, exceptions: draft.exceptions.map((e) => (e.key === key ? { ...e, ...change } : e)) });
  const submit = (ev: Event) => {
    ev.preventDefault();
    const read = readDraft(draft, counters);
    setProblems('problems' in read ? read.problems : {});
    void save.run(
      async () => {
        if (!('plan' in read)) return;
        const saved = answer(await api.PUT('/api/v1/sites/{siteId}/counter-plan', { params: { path: { siteId } }, body: read.plan }));
        setDraft(draftOf(saved as Plan, counters));
      },
      () => 'plan' in read,
    );
  };
  const cell = (id: string, label: string, value: string, onInput: (e: Event) => void) => (
    <td>
      <input name={id} aria-label={label} {...described(id, problems[id])} value={value} placeholder={t('notPlanned')} onInput={onInput} />
      <CellProblem id={`${id}-problem`} problem={problems[id]} />
    </td>
  );

  return (
    <Section id="counter-plan" title={t('section.counter-plan')}>
      <form noValidate onSubmit={submit}>
        <p class="muted">{t('counterPlanHelp')}</p>
        <div class="table-scroll">
          <table class="counter-plan">
            <thead>
              <tr>
                <th scope="col">{t('counter')}</th>
                {WEEKDAYS.map((d) => (
                  <th scope="col" key={d}>{t(`day.${d}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {counters.map((c) => (
                <tr key={c.id} data-counter={c.id}>
                  <th scope="row">{c.name}</th>
                  {WEEKDAYS.map((d) => cell(`plan-${d}-${c.id}`, t('planCell', { counter: c.name, day: t(`day.${d}`) }), draft.weekly[d][c.id] ?? '', setWeekly(d, c.id)))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('planExceptions')}</h3>
        <ul class="editor-rows">
          {draft.exceptions.map((e) => {
            const id = `plan-exception-${e.key}`;
            return (
              <li key={e.key} class="row-card" data-plan-exception={e.date}>
                <div class="field">
                  <label for={`${id}-date`}>{t('date')}</label>
                  <input type="date" name="planExceptionDate" {...described(`${id}-date`, problems[`${id}-date`])} value={e.date} onInput={onText((date) => setException(e.key, { date }))} />
                  <CellProblem id={`${id}-date-problem`} problem={problems[`${id}-date`]} />
                </div>
                <table class="counter-plan">
                  <tbody>
                    {counters.map((c) => (
                      <tr key={c.id}>
                        <th scope="row">{c.name}</th>
                        {cell(`${id}-${c.id}`, t('planExceptionCell', { counter: c.name }), e.counters[c.id] ?? '', onText((v) => setException(e.key, { counters: { ...e.counters, [c.id]: v } })))}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" class="secondary" onClick={() => setDraft({ ...draft, exceptions: draft.exceptions.filter((x) => x.key !== e.key) })}>
                  {t('removeException')}
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" class="secondary" data-testid="add-plan-exception" onClick={() => setDraft({ ...draft, exceptions: [...draft.exceptions, { key: ++made, date: '', counters: {} }] })}>
          {t('addException')}
        </button>
        <SaveBar id="counter-plan" state={save.state} label={t('saveCounterPlan')} />
      </form>
    </Section>
  );
}
