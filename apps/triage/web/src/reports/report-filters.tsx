import { useState } from 'preact/hooks';
import type { SiteView } from '../common/staff-gate';
import { t } from '../common/texts';
import { PeriodFields } from './period-fields';
import type { ReportQuery } from './report-query';
import type { Interval, ReportId, ReportListing } from './types';

/**
 * The filter: sites (several at once compare them), the period (with quick choices), the report (those not
 * built yet shown as coming, not selectable) with its definition, and the intervals that report offers.
 */
export function ReportFilters({
  sites,
  reports,
  initial,
  onShow,
  busy,
}: {
  sites: SiteView[];
  reports: ReportListing[];
  initial: ReportQuery;
  onShow: (q: ReportQuery) => void;
  busy: boolean;
}) {
  const [siteIds, setSiteIds] = useState<string[]>(initial.siteIds.split(','));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [report, setReport] = useState<ReportId>(initial.report);
  const [interval, setInterval] = useState<Interval>(initial.interval);
  const [compare, setCompare] = useState(initial.compare === 'previous-year');
  const chosen = reports.find((r) => r.id === report);
  const intervals = chosen?.intervals ?? [];
  const shownInterval = intervals.includes(interval) ? interval : intervals[0];
  const comparable = chosen?.compares.includes('previous-year') ?? false;
  const toggleSite = (id: string, on: boolean) =>
    setSiteIds((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));
  const submit = (ev: Event) => {
    ev.preventDefault();
    if (!siteIds.length || !chosen || !shownInterval) return;
    onShow({
      ...initial,
      report,
      siteIds: sites
        .filter((s) => siteIds.includes(s.id))
        .map((s) => s.id)
        .join(','),
      from,
      to,
      interval: shownInterval,
      compare: comparable && compare ? 'previous-year' : undefined,
    });
  };
  return (
    <form class="report-filters" onSubmit={submit} aria-labelledby="filters-title">
      <h2 id="filters-title" class="sr-only">
        {t('reports.filters')}
      </h2>
      <fieldset class="sites">
        <legend>{t('reports.sites')}</legend>
        {sites.map((s) => (
          <label key={s.id} class="check">
            <input
              type="checkbox"
              name="site"
              value={s.id}
              checked={siteIds.includes(s.id)}
              onChange={(e) => toggleSite(s.id, e.currentTarget.checked)}
            />
            {s.name}
          </label>
        ))}
        {!siteIds.length ? (
          <p class="error" role="alert">
            {t('reports.chooseSite')}
          </p>
        ) : null}
      </fieldset>
      <PeriodFields class="period" period={{ from, to }} onChange={(p) => (setFrom(p.from), setTo(p.to))} />
      <div class="report-choice">
        <label>
          {t('reports.report')}
          <select
            name="report"
            value={report}
            aria-describedby="report-definition"
            onChange={(e) => setReport(e.currentTarget.value as ReportId)}
          >
            {reports.map((r) => (
              <option key={r.id} value={r.id} disabled={!r.available}>
                {r.available ? r.title : t('reports.coming', { title: r.title })}
              </option>
            ))}
          </select>
        </label>
        <p id="report-definition" class="explain" data-testid="report-definition">
          {chosen?.definition}
        </p>
        <label>
          {t('reports.interval')}
          <select name="interval" value={shownInterval} onChange={(e) => setInterval(e.currentTarget.value as Interval)}>
            {intervals.map((i) => (
              <option key={i} value={i}>
                {t(`reports.interval.${i}`)}
              </option>
            ))}
          </select>
        </label>
        {comparable ? (
          <label class="check">
            <input type="checkbox" name="compare" checked={compare} onChange={(e) => setCompare(e.currentTarget.checked)} />
            {t('reports.comparePreviousYear')}
          </label>
        ) : null}
      </div>
      <button type="submit" data-testid="show" disabled={busy || !siteIds.length}>
        {t('reports.show')}
      </button>
    </form>
  );
}
