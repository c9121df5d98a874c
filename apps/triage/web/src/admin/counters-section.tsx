import { useState } from 'preact/hooks';
import { t } from '../common/texts';
import type { TriageApi } from '../common/api';
import { readNumber } from './numbers';
import { ProfileEditor } from './profile-editor';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { COUNTER_KINDS, type Counter, type CounterKind, type Service, afterSave, answer } from './types';

interface Row {
  key: string;
  original?: Counter;
  name: string;
  kind: CounterKind;
  seats: string;
  serviceIds: string[];
  removed: boolean;
}

let made = 0;
const rowOf = (c: Counter): Row => ({ key: c.id, original: c, name: c.name, kind: c.kind, seats: String(c.seats), serviceIds: c.serviceIds, removed: false });
const blank = (): Row => ({ key: `new-${++made}`, name: '', kind: 'counter', seats: '1', serviceIds: [], removed: false });
const isStation = (kind: CounterKind) => kind === 'assisted-self-service';

function readRow(r: Row): { body?: { name: string; kind: CounterKind; seats: number; serviceIds: string[] }; problems?: Record<string, string> } {
  const p: Record<string, string> = {};
  if (!r.name.trim()) p.name = 'invalid.required';
  else if (r.name.trim().length > 40) p.name = 'invalid.tooLong';
  const seats = isStation(r.kind) ? readNumber(r.seats, 1, 12, { integer: true }) : 1;
  if (typeof seats === 'string') p.seats = seats;
  if (Object.keys(p).length) return { problems: p };
  return { body: { name: r.name.trim(), kind: r.kind, seats: seats as number, serviceIds: r.serviceIds } };
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Counters: name, kind (skranke, bord or medbetjening with its seats) and the
 * ordered service profile; add and remove (an open counter cannot be removed:
 * the server says so). One save.
 */
export function CountersSection({ api, siteId, counters, services }: { api: TriageApi; siteId: string; counters: Counter[]; services: Service[] }) {
  const [rows, setRows] = useState<Row[]>(() => counters.map(rowOf));
  const [problems, setProblems] = useState<Record<string, Record<string, string>>>({});
  const save = useSave();
  const update = (key: string, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (ev: Event) => {
    ev.preventDefault();
    const read = rows.filter((r) => !r.removed).map((row) => ({ row, result: readRow(row) }));
    const found: Record<string, Record<string, string>> = Object.fromEntries(read.flatMap(({ row, result }) => (result.problems ? [[row.key, result.problems]] : [])));
    setProblems(found);
    void save.run(
      async () => {
        const path = { siteId };
        const created = new Set<string>();
        let allSaved = false;
        try {
          for (const r of rows.filter((x) => x.removed && x.original)) {
            await api.DELETE('/api/v1/sites/{siteId}/counters/{counterId}', { params: { path: { siteId, counterId: r.original!.id } } });
          }
          for (const { row, result } of read) {
            if (!result.body) continue;
            const b = result.body;
            if (!row.original) {
              await api.POST('/api/v1/sites/{siteId}/counters', { params: { path }, body: b });
              created.add(row.key);
              continue;
            }
            const o = row.original;
            const body = {
              ...(b.name !== o.name ? { name: b.name } : {}),
              ...(b.kind !== o.kind ? { kind: b.kind } : {}),
              ...(b.seats !== o.seats ? { seats: b.seats } : {}),
              ...(!same(b.serviceIds, o.serviceIds) ? { serviceIds: b.serviceIds } : {}),
            };
            if (Object.keys(body).length) await api.PATCH('/api/v1/sites/{siteId}/counters/{counterId}', { params: { path: { siteId, counterId: o.id } }, body });
          }
          allSaved = true;
        } finally {
          const fresh = answer(await api.GET('/api/v1/sites/{siteId}/counters', { params: { path } }));
          setRows((current) => afterSave(current, fresh.map(rowOf), created, allSaved));
        }
      },
      () => Object.keys(found).length === 0,
    );
  };

  return (
    <Section id="counters" title={t('counters')}>
      <form noValidate onSubmit={submit}>
        <ul class="editor-rows">
          {rows.map((r) => {
            const id = `counter-${r.key}`;
            const p = problems[r.key] ?? {};
            return (
              <li key={r.key} class={`row-card${r.removed ? ' removed' : ''}`} data-counter={r.original?.name ?? r.key} data-new={r.original ? undefined : ''}>
                <h3>
                  {r.original ? r.original.name : t('newCounter')}
                  {r.original && <span class="badge">{t(`state.${r.original.state}`)}</span>}
                  {r.removed && <span class="badge">{t('removedOnSave')}</span>}
                </h3>
                {!r.removed && (
                  <div class="fields">
                    <div class="field">
                      <label for={`${id}-name`}>{t('name')}</label>
                      <input name="counterName" maxLength={40} {...described(`${id}-name`, p.name)} value={r.name} onInput={onText((name) => update(r.key, { name }))} />
                      <CellProblem id={`${id}-name-problem`} problem={p.name} />
                    </div>
                    <div class="field">
                      <label for={`${id}-kind`}>{t('kind')}</label>
                      <select id={`${id}-kind`} name="counterKind" value={r.kind} onChange={(e) => update(r.key, { kind: e.currentTarget.value as CounterKind })}>
                        {COUNTER_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {t(`kind.${k}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    {isStation(r.kind) && (
                      <div class="field">
                        <label for={`${id}-seats`}>{t('seatsLabel')}</label>
                        <input name="seats" inputMode="numeric" class="short" {...described(`${id}-seats`, p.seats)} value={r.seats} onInput={onText((seats) => update(r.key, { seats }))} />
                        <CellProblem id={`${id}-seats-problem`} problem={p.seats} />
                      </div>
                    )}
                  </div>
                )}
                {!r.removed && (
                  <ProfileEditor id={id} label={t('profileOf', { name: r.name || t('newCounter') })} serviceIds={r.serviceIds} services={services} set={(serviceIds) => update(r.key, { serviceIds })} />
                )}
                <button
                  type="button"
                  class="secondary"
                  data-action={r.removed ? 'undo-remove' : 'remove'}
                  onClick={() => (r.original ? update(r.key, { removed: !r.removed }) : setRows(rows.filter((x) => x.key !== r.key)))}
                >
                  {r.removed ? t('undoRemove') : t('removeCounter')}
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" class="secondary" data-testid="add-counter" onClick={() => setRows([...rows, blank()])}>
          {t('addCounter')}
        </button>
        <SaveBar id="counters" state={save.state} label={t('saveCounters')} />
      </form>
    </Section>
  );
}
