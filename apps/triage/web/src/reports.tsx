import '@skranke/web/base.css';
import './common/pages.css';
import './reports/reports.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import type { TriageApi } from './common/api';
import { NoAccess, type SignedInUser, type SignInStep, type SiteView, logout, mayOpen, signInScreen, staffSession, useStaffState } from './common/staff-gate';
import { lang, t } from './common/texts';
import { ExportLinks } from './reports/export-links';
import { ReportByEmail } from './reports/report-by-email';
import { periodLabel, quickPeriod } from './reports/period';
import { ReportChart } from './reports/report-chart';
import { ReportFilters } from './reports/report-filters';
import type { ReportQuery } from './reports/report-query';
import { ReportTable } from './reports/report-table';
import type { ReportListing, ReportResult } from './reports/types';

const LANG = (['da', 'en', 'de'].includes(lang) ? lang : 'da') as ReportQuery['lang'];

interface Ready {
  api: TriageApi;
  me: SignedInUser;
  sites: SiteView[];
  reports: ReportListing[];
}

type State = { kind: 'no-sites' } | { kind: 'ready'; ready: Ready };

async function load(): Promise<State | SignInStep> {
  const session = await staffSession();
  if (session.kind === 'login') return session;
  const { api, me, sites } = session;
  const readable = sites.filter((s) => mayOpen(me, s.id, 'reports'));
  if (!readable.length) return { kind: 'no-sites' };
  const reports = (await api.GET('/api/v1/reports', { params: { query: { lang: LANG } } })).data!;
  return { kind: 'ready', ready: { api, me, sites: readable, reports } };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter in the address (`?report=&sites=&from=&to=&interval=`), each part checked against what the user may choose; the rest from the defaults (the first report, all sites, this month). */
function queryFromAddress(reports: ReportListing[], sites: SiteView[]): ReportQuery {
  const q = new URLSearchParams(location.search);
  const report = reports.find((r) => r.available && r.id === q.get('report')) ?? reports.find((r) => r.available) ?? reports[0];
  const chosen = (q.get('sites') ?? '').split(',').filter((id) => sites.some((s) => s.id === id));
  const period = quickPeriod('thisMonth');
  const from = DATE.test(q.get('from') ?? '') ? q.get('from')! : period.from;
  const to = DATE.test(q.get('to') ?? '') ? q.get('to')! : period.to;
  const interval = report.intervals.find((i) => i === q.get('interval')) ?? report.intervals[0];
  const compare =
    report.compares.includes('previous-year') && q.get('compare') === 'previous-year' ? ('previous-year' as const) : undefined;
  return {
    report: report.id,
    siteIds: (chosen.length ? chosen : sites.map((s) => s.id)).join(','),
    from,
    to,
    interval,
    lang: LANG,
    compare,
  };
}

const addressOf = (q: ReportQuery) =>
  new URLSearchParams({
    lang: q.lang,
    report: q.report,
    sites: q.siteIds,
    from: q.from,
    to: q.to,
    interval: q.interval,
    ...(q.compare ? { compare: q.compare } : {}),
  }).toString();

function ReportsPage({ ready }: { ready: Ready }) {
  const { api, me, sites, reports } = ready;
  const [query, setQuery] = useState<ReportQuery>(() => queryFromAddress(reports, sites));
  const [result, setResult] = useState<ReportResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const listing = reports.find((r) => r.id === query.report);
  // A report that comes only as a file (the visits export: a row per visit) is not drawn: it is downloaded.
  const fileOnly = !!listing && !listing.formats.includes('json');
  useEffect(() => {
    let current = true;
    setError('');
    // The address holds the filter: a reload or a shared link shows the same report.
    history.replaceState(null, '', `${location.pathname}?${addressOf(query)}`);
    if (fileOnly) {
      setResult(null);
      document.body.dataset.ready = 'true';
      return;
    }
    setBusy(true);
    delete document.body.dataset.ready;
    const { report, ...rest } = query;
    api
      .GET('/api/v1/reports/{report}', { params: { path: { report }, query: rest } })
      .then(
        ({ data }) => current && setResult(data!),
        (e: unknown) => current && (setResult(null), setError(errorText(t, e))),
      )
      .finally(() => {
        if (!current) return;
        setBusy(false);
        document.body.dataset.ready = 'true';
      });
    return () => void (current = false);
  }, [query]);
  const week = (w: number, y: number) => t('reports.week', { week: w, year: y });
  const caption = result
    ? t('reports.caption', {
        title: result.title,
        sites: result.filters.sites.map((s) => s.name).join(', '),
        from: periodLabel(lang, result.filters.from, week),
        to: periodLabel(lang, result.filters.to, week),
        interval: t(`reports.interval.${result.filters.interval}`),
      })
    : '';
  const out = async () => {
    await logout();
    location.reload();
  };
  return (
    <>
      <header class="staff-bar">
        <div class="staff-bar-title">
          <h1>{t('reports.title')}</h1>
        </div>
        <span class="signed-in" data-testid="signed-in">
          {t('signedInAs', { name: me.displayName })}
        </span>
        <button type="button" class="secondary" data-testid="logout" onClick={() => void out()}>
          {t('logout')}
        </button>
      </header>
      <ReportFilters sites={sites} reports={reports} initial={query} onShow={setQuery} busy={busy} />
      {busy ? (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      ) : null}
      <p class="error" role="alert">
        {error}
      </p>
      {fileOnly && listing ? (
        <article class="report" data-report={listing.id} aria-labelledby="report-title">
          <h2 id="report-title">{listing.title}</h2>
          <p class="explain">{listing.definition}</p>
          <p data-testid="file-only">{t('reports.fileOnly')}</p>
          <ExportLinks api={api} query={query} formats={listing.formats} />
        </article>
      ) : null}
      {result && !fileOnly ? (
        <article class="report" data-report={result.report} aria-labelledby="report-title">
          <h2 id="report-title">{result.title}</h2>
          <p class="explain">{result.definition}</p>
          <p class="muted" data-testid="report-filter">
            {caption}
          </p>
          <ReportChart result={result} />
          <ReportTable result={result} caption={caption} />
          <ExportLinks api={api} query={query} formats={listing?.formats ?? ['csv', 'xlsx']} />
        </article>
      ) : null}
      <ReportByEmail api={api} query={query} listing={listing} reports={reports} sites={sites} />
    </>
  );
}

/** The statistics page for everyone who reads reports at one or more sites: sign in, then the page. */
function ReportsApp() {
  const [state, start] = useStaffState<State>(load);
  useEffect(() => {
    if (state.kind !== 'loading' && state.kind !== 'ready') document.body.dataset.ready = 'true';
  }, [state.kind]);
  if (state.kind === 'no-sites') return <NoAccess message={t('noAccess.reports')} logout={logout} />;
  if (state.kind === 'ready') return <ReportsPage ready={state.ready} />;
  return signInScreen(state, start);
}

render(<ReportsApp />, document.getElementById('app')!);
