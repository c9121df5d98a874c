import { useState } from 'preact/hooks';
import { lang, serviceName, t } from '../common/texts';
import type { TriageApi } from '../common/api';
import { numberText, readNumber } from './numbers';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { type Service, afterSave, answer } from './types';

interface Row {
  key: string;
  original?: Service;
  code: string;
  prefix: string;
  da: string;
  en: string;
  de: string;
  groupName: string;
  target: string;
  level: string;
  cap: string;
  sortOrder: string;
  active: boolean;
  bookable: boolean;
  apptMinutes: string;
  minNotice: string;
  maxDays: string;
  cutoff: string;
  /** The booking share in per cent; empty: computed from the walk-in target. */
  share: string;
}

let made = 0;
const rowOf = (s: Service): Row => ({
  key: s.id,
  original: s,
  code: s.code,
  prefix: s.prefix,
  da: s.names.da,
  en: s.names.en,
  de: s.names.de,
  groupName: s.groupName ?? '',
  target: numberText(lang, s.targetWaitMinutes),
  level: numberText(lang, s.serviceLevelPercent),
  cap: numberText(lang, s.dailyCap),
  sortOrder: numberText(lang, s.sortOrder),
  active: s.active,
  bookable: s.bookable,
  apptMinutes: numberText(lang, s.appointmentMinutes),
  minNotice: numberText(lang, s.minNoticeMinutes),
  maxDays: numberText(lang, s.maxDaysAhead),
  cutoff: numberText(lang, s.cancelCutoffMinutes),
  share: s.bookingShare === null ? '' : numberText(lang, Math.round(s.bookingShare * 1000) / 10),
});
const blank = (): Row => ({ key: `new-${++made}`, code: '', prefix: '', da: '', en: '', de: '', groupName: '', target: '15', level: '80', cap: '', sortOrder: '0', active: true, bookable: false, apptMinutes: '', minNotice: '60', maxDays: '30', cutoff: '120', share: '' });

type Body = {
  code: string;
  prefix: string;
  names: { da: string; en: string; de: string };
  targetWaitMinutes: number;
  serviceLevelPercent: number;
  dailyCap?: number;
  groupName?: string;
  sortOrder: number;
  bookable: boolean;
  appointmentMinutes: number | null;
  minNoticeMinutes: number;
  maxDaysAhead: number;
  cancelCutoffMinutes: number;
};

/** The row as the API takes it, or its problems by field. */
function readRow(r: Row): { body?: Body; problems?: Record<string, string> } {
  const p: Record<string, string> = {};
  if (!/^[a-z0-9-]{1,40}$/.test(r.code)) p.code = 'invalid.code';
  if (!/^[A-Z]{1,3}$/.test(r.prefix)) p.prefix = 'invalid.prefix';
  for (const l of ['da', 'en', 'de'] as const) if (!r[l].trim()) p[l] = 'invalid.required';
  const target = readNumber(r.target, 1, 600, { integer: true });
  const level = readNumber(r.level, 1, 100, { integer: true });
  const cap = readNumber(r.cap, 1, 100000, { integer: true, optional: true });
  const sortOrder = readNumber(r.sortOrder, 0, 1000, { integer: true });
  const apptMinutes = readNumber(r.apptMinutes, 5, 240, { integer: true, optional: true });
  const minNotice = readNumber(r.minNotice, 0, 20160, { integer: true });
  const maxDays = readNumber(r.maxDays, 1, 366, { integer: true });
  const cutoff = readNumber(r.cutoff, 0, 20160, { integer: true });
  const share = readNumber(r.share, 0, 100, { optional: true });
  for (const [field, value] of Object.entries({ apptMinutes, minNotice, maxDays, cutoff, share })) if (typeof value === 'string') p[field] = value;
  if (typeof target === 'string') p.target = target;
  if (typeof level === 'string') p.level = level;
  if (typeof cap === 'string') p.cap = cap;
  if (typeof sortOrder === 'string') p.sortOrder = sortOrder;
  if (Object.keys(p).length) return { problems: p };
  return {
    body: {
      code: r.code,
      prefix: r.prefix,
      names: { da: r.da.trim(), en: r.en.trim(), de: r.de.trim() },
      targetWaitMinutes: target as number,
      serviceLevelPercent: level as number,
      ...(cap != null ? { dailyCap: cap as number } : {}),
      ...(r.groupName.trim() ? { groupName: r.groupName.trim() } : {}),
      sortOrder: sortOrder as number,
      bookable: r.bookable,
      appointmentMinutes: apptMinutes as number | null,
      minNoticeMinutes: minNotice as number,
      maxDaysAhead: maxDays as number,
      cancelCutoffMinutes: cutoff as number,
    },
  };
}

/** The share as the API takes it (0..1), or null: computed. */
const shareOf = (r: Row): number | null => {
  const n = readNumber(r.share, 0, 100, { optional: true });
  return typeof n === 'number' ? Math.round(n * 10) / 1000 : null;
};

/** What changed on an existing service (the API leaves out what is not sent). */
function changes(s: Service, b: Body, active: boolean) {
  const out: Partial<Body> & { active?: boolean } = {};
  if (b.code !== s.code) out.code = b.code;
  if (b.prefix !== s.prefix) out.prefix = b.prefix;
  if (b.names.da !== s.names.da || b.names.en !== s.names.en || b.names.de !== s.names.de) out.names = b.names;
  if (b.targetWaitMinutes !== s.targetWaitMinutes) out.targetWaitMinutes = b.targetWaitMinutes;
  if (b.serviceLevelPercent !== s.serviceLevelPercent) out.serviceLevelPercent = b.serviceLevelPercent;
  if (b.dailyCap !== undefined && b.dailyCap !== s.dailyCap) out.dailyCap = b.dailyCap;
  if (b.groupName !== undefined && b.groupName !== s.groupName) out.groupName = b.groupName;
  if (b.sortOrder !== s.sortOrder) out.sortOrder = b.sortOrder;
  if (active !== s.active) out.active = active;
  if (b.bookable !== s.bookable) out.bookable = b.bookable;
  if (b.appointmentMinutes !== s.appointmentMinutes) out.appointmentMinutes = b.appointmentMinutes;
  if (b.minNoticeMinutes !== s.minNoticeMinutes) out.minNoticeMinutes = b.minNoticeMinutes;
  if (b.maxDaysAhead !== s.maxDaysAhead) out.maxDaysAhead = b.maxDaysAhead;
  if (b.cancelCutoffMinutes !== s.cancelCutoffMinutes) out.cancelCutoffMinutes = b.cancelCutoffMinutes;
  return out;
}

type RowField = 'prefix' | 'code' | 'da' | 'en' | 'de' | 'groupName' | 'target' | 'level' | 'cap' | 'sortOrder' | 'apptMinutes' | 'minNotice' | 'maxDays' | 'cutoff' | 'share';

/** Services: letter, code, names in Danish, English and German, group, target wait, service level, daily cap, order, active. One save. */
export function ServicesSection({ api, siteId, services, onSaved }: { api: TriageApi; siteId: string; services: Service[]; onSaved: (s: Service[]) => void }) {
  const [rows, setRows] = useState<Row[]>(() => services.map(rowOf));
  const [problems, setProblems] = useState<Record<string, Record<string, string>>>({});
  const save = useSave();
  const update = (key: string, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const submit = (ev: Event) => {
    ev.preventDefault();
    const read = rows.map((r) => ({ row: r, result: readRow(r) }));
    const found: Record<string, Record<string, string>> = Object.fromEntries(read.flatMap(({ row, result }) => (result.problems ? [[row.key, result.problems]] : [])));
    setProblems(found);
    void save.run(
      async () => {
        const path = { siteId };
        const created = new Set<string>();
        let allSaved = false;
        try {
          for (const { row, result } of read) {
            if (!result.body) continue;
            if (!row.original) {
              const service = answer(await api.POST('/api/v1/sites/{siteId}/services', { params: { path }, body: result.body }));
              created.add(row.key);
              if (shareOf(row) !== null) await api.PUT('/api/v1/sites/{siteId}/services/{serviceId}/booking-share', { params: { path: { siteId, serviceId: service.id } }, body: { share: shareOf(row) } });
              if (!row.active) await api.DELETE('/api/v1/sites/{siteId}/services/{serviceId}', { params: { path: { siteId, serviceId: service.id } } });
              continue;
            }
            const body = changes(row.original, result.body, row.active);
            if (Object.keys(body).length) await api.PATCH('/api/v1/sites/{siteId}/services/{serviceId}', { params: { path: { siteId, serviceId: row.original.id } }, body });
            // The share has its own call (empty: computed from the walk-in target again).
            if (shareOf(row) !== row.original.bookingShare) {
              await api.PUT('/api/v1/sites/{siteId}/services/{serviceId}/booking-share', { params: { path: { siteId, serviceId: row.original.id } }, body: { share: shareOf(row) } });
            }
          }
          allSaved = true;
        } finally {
          // What was saved before a refusal stays saved: show the server's list, keep the rows not yet saved.
          const fresh = answer(await api.GET('/api/v1/sites/{siteId}/services', { params: { path } }));
          onSaved(fresh);
          setRows((current) => afterSave(current, fresh.map(rowOf), created, allSaved));
        }
      },
      () => Object.keys(found).length === 0,
    );
  };

  const cell = (r: Row, field: RowField, label: string, attrs: Record<string, string | number> = {}) => {
    const id = `service-${r.key}-${field}`;
    const problem = problems[r.key]?.[field];
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input name={field} {...attrs} {...described(id, problem)} value={r[field]} onInput={onText((v) => update(r.key, { [field]: v }))} />
        <CellProblem id={`${id}-problem`} problem={problem} />
      </div>
    );
  };

  return (
    <Section id="services" title={t('services')}>
      <form noValidate onSubmit={submit}>
        <ul class="editor-rows">
          {rows.map((r) => (
            <li key={r.key} class={`row-card${r.active ? '' : ' inactive'}`} data-service={r.code || r.key} data-new={r.original ? undefined : ''}>
              <h3>
                {r.prefix || '?'} · {r.original ? serviceName(r.original.names) : t('newService')}
                {!r.active && <span class="badge">{t('inactive')}</span>}
              </h3>
              <div class="fields">
                {cell(r, 'prefix', t('prefix'), { maxLength: 3, class: 'short' })}
                {cell(r, 'code', t('code'), { maxLength: 40 })}
                {cell(r, 'da', t('name.da'))}
                {cell(r, 'en', t('name.en'))}
                {cell(r, 'de', t('name.de'))}
                {cell(r, 'groupName', t('groupName'))}
                {cell(r, 'target', t('targetWait'), { inputMode: 'numeric', class: 'short' })}
                {cell(r, 'level', t('serviceLevel'), { inputMode: 'numeric', class: 'short' })}
                {cell(r, 'cap', t('dailyCap'), { inputMode: 'numeric', class: 'short' })}
                {cell(r, 'sortOrder', t('sortOrder'), { inputMode: 'numeric', class: 'short' })}
                <label class="check">
                  <input type="checkbox" name="active" checked={r.active} onChange={(e) => update(r.key, { active: e.currentTarget.checked })} />
                  {t('activeService')}
                </label>
              </div>
              <fieldset class="booking-fields" data-booking={r.code || r.key}>
                <legend>{t('bookingRules')}</legend>
                <label class="check">
                  <input type="checkbox" name="bookable" checked={r.bookable} onChange={(e) => update(r.key, { bookable: e.currentTarget.checked })} />
                  {t('bookable')}
                </label>
                <div class="fields">
                  {cell(r, 'apptMinutes', t('appointmentMinutes'), { inputMode: 'numeric', class: 'short', placeholder: t('measured') })}
                  {cell(r, 'minNotice', t('minNotice'), { inputMode: 'numeric', class: 'short' })}
                  {cell(r, 'maxDays', t('maxDaysAhead'), { inputMode: 'numeric', class: 'short' })}
                  {cell(r, 'cutoff', t('cancelCutoff'), { inputMode: 'numeric', class: 'short' })}
                  {cell(r, 'share', t('bookingShare'), { inputMode: 'decimal', class: 'short', placeholder: t('computed') })}
                </div>
              </fieldset>
              <div class="fields">
                {!r.original && (
                  <button type="button" class="secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                    {t('removeRow')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        <button type="button" class="secondary" data-testid="add-service" onClick={() => setRows([...rows, blank()])}>
          {t('addService')}
        </button>
        <SaveBar id="services" state={save.state} label={t('saveServices')} />
      </form>
    </Section>
  );
}
