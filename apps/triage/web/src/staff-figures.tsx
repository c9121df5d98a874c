import '@skranke/web/base.css';
import './common/pages.css';
import './staff-figures/staff-figures.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText } from '@skranke/web';
import { StaffBar } from './common/staff-bar';
import { NoAccess, StaffGate, type StaffContext } from './common/staff-gate';
import { lang, t } from './common/texts';
import { dayLabel, quickPeriod } from './reports/period';
import { type OwnFigures, OwnTable, type TeamFigures, TeamTable } from './staff-figures/figures-tables';
import { type Period, PeriodForm } from './staff-figures/period-form';

type View =
  | { kind: 'loading' }
  | { kind: 'failed'; text: string }
  /** No notice (startsOn null), or one whose start has not come. */
  | { kind: 'off'; startsOn: string | null }
  | { kind: 'ready'; own: OwnFigures; teams: TeamFigures | null; teamsError: string };

const off = (e: unknown) =>
  e instanceof ApiError && e.code === 'staff_figures_off' ? { startsOn: (e.details?.startsOn as string | null) ?? null } : null;

/** Off or not started yet, said plainly: when it starts and why (the purpose staff were told), or that the site does not use them. */
function NotShown({ ctx, startsOn }: { ctx: StaffContext; startsOn: string | null }) {
  const notice = ctx.site.settings.staffFigures;
  return (
    <div class="figures-off" data-testid="figures-off" data-starts-on={startsOn ?? ''}>
      <p>
        <strong>
          {startsOn ? t('staffFigures.notStarted', { date: dayLabel(lang, startsOn) }) : t('staffFigures.off', { site: ctx.site.name })}
        </strong>
      </p>
      {startsOn && notice?.startsOn === startsOn ? (
        <p>
          {t('staffFigures.purpose')}: {notice.purpose}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Per-person figures ("Medarbejdertal") at one site: everyone sees their own (each view is audited), supervisors
 * also the teams of at least five persons per service. No person is named and nothing is ranked.
 */
function StaffFiguresPage({ ctx }: { ctx: StaffContext }) {
  const mayRead = ctx.may('staff-figures');
  // Teams are the supervisor's, as the dashboard is.
  const supervises = ctx.may('dashboard');
  const [period, setPeriod] = useState<Period>(() => quickPeriod('thisMonth'));
  const [view, setView] = useState<View>({ kind: 'loading' });
  useEffect(() => {
    if (!mayRead) return;
    let current = true;
    setView({ kind: 'loading' });
    delete document.body.dataset.ready;
    const params = { path: { siteId: ctx.site.id }, query: period };
    const teams = supervises
      ? ctx.api.GET('/api/v1/sites/{siteId}/staff-figures/teams', { params }).then((r) => r.data!)
      : Promise.resolve(null);
    Promise.allSettled([ctx.api.GET('/api/v1/sites/{siteId}/staff-figures/me', { params }).then((r) => r.data!), teams])
      .then(([own, team]) => {
        if (!current) return;
        if (own.status === 'rejected') {
          const stopped = off(own.reason);
          setView(stopped ? { kind: 'off', ...stopped } : { kind: 'failed', text: errorText(t, own.reason) });
        } else {
          const teamsError = team.status === 'rejected' ? errorText(t, team.reason) : '';
          setView({ kind: 'ready', own: own.value, teams: team.status === 'fulfilled' ? team.value : null, teamsError });
        }
      })
      .finally(() => current && (document.body.dataset.ready = 'true'));
    return () => void (current = false);
  }, [period.from, period.to]);
  useEffect(() => {
    if (!mayRead) document.body.dataset.ready = 'true';
  }, []);
  if (!mayRead) return <NoAccess message={t('noAccess.staffFigures')} logout={ctx.logout} />;
  return (
    <>
      <StaffBar ctx={ctx} page="staff-figures" title={t('staffFigures.title')} />
      <p class="logged" data-testid="logged-notice">
        {t('staffFigures.logged')}
      </p>
      {/* Off or not started: no period has figures, so none is offered. */}
      {view.kind !== 'off' && <PeriodForm period={period} onShow={setPeriod} busy={view.kind === 'loading'} />}
      {view.kind === 'loading' && (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      )}
      {view.kind === 'failed' && (
        <p class="error" role="alert">
          {view.text}
        </p>
      )}
      {view.kind === 'off' && <NotShown ctx={ctx} startsOn={view.startsOn} />}
      {view.kind === 'ready' && (
        <>
          <p>
            {t('staffFigures.purpose')}: <span data-testid="purpose">{view.own.purpose}</span>
          </p>
          <OwnTable figures={view.own} />
          {view.teams && <TeamTable figures={view.teams} />}
          {view.teamsError && (
            <p class="error" role="alert">
              {view.teamsError}
            </p>
          )}
        </>
      )}
    </>
  );
}

render(<StaffGate>{(ctx) => <StaffFiguresPage ctx={ctx} />}</StaffGate>, document.getElementById('app')!);
