import { formatNumber } from '@skranke/web';
import { labelOf, lang, t } from '../common/texts';
import type { Dashboard } from './services-table';

const Figure = ({ label, value, id }: { label: string; value: number; id: string }) => (
  <div class="figure">
    <span class="big" data-figure={id}>{formatNumber(lang, value)}</span>
    {label}
  </div>
);

/** A tally with names, never codes: referral targets by their label, outcomes and modes of help by their names. */
function Tally({ title, id, entries }: { title: string; id: string; entries: { key: string; label: string; n: number }[] }) {
  return (
    <div>
      <h3>{title}</h3>
      {entries.length ? (
        <ul class="tally" data-tally={id}>
          {entries.map((e) => (
            <li key={e.key} data-key={e.key}>{e.label}: <b>{formatNumber(lang, e.n)}</b></li>
          ))}
        </ul>
      ) : <p class="muted">{t('noneYet')}</p>}
    </div>
  );
}

export function TodayFigures({ data }: { data: Dashboard }) {
  const today = data.today;
  const named = (record: Record<string, number>, prefix: string) =>
    Object.entries(record).map(([key, n]) => ({ key, n, label: key === 'none' ? t('notRecorded') : t(`${prefix}.${key}`) }));
  return (
    <section aria-labelledby="today-title">
      <h2 id="today-title">{t('today')}</h2>
      <div class="figures">
        <Figure label={t('issued')} value={today.ticketsIssued} id="issued" />
        <Figure label={t('served')} value={today.served} id="served" />
        <Figure label={t('noShow')} value={today.noShow} id="no-show" />
        <Figure label={t('cancelled')} value={today.cancelled} id="cancelled" />
        <Figure label={t('resolvedOnSpot')} value={today.resolvedOnSpot} id="resolved-on-spot" />
        <Figure label={t('selfServiceCount')} value={today.selfService} id="self-service" />
      </div>
      <div class="figures">
        <Tally title={t('referrals')} id="referrals" entries={today.referrals.map((r) => ({ key: r.target, n: r.count, label: labelOf(data.site.settings.referralTargets, r.target) }))} />
        <Tally title={t('outcomes')} id="outcomes" entries={named(today.outcomes, 'ticketOutcome')} />
        <Tally title={t('helpModes')} id="help-modes" entries={named(today.helpModes, 'helpMode')} />
      </div>
    </section>
  );
}

/** Arrivals beside services finished per hour, as an SVG (heights are attributes, so no inline styles). */
export function HourChart({ perHour }: { perHour: Dashboard['perHour'] }) {
  const max = Math.max(1, ...perHour.map((p) => Math.max(p.tickets + p.encounters, p.served)));
  const height = 140;
  const slot = 40;
  const y = (n: number) => Math.round((height * n) / max);
  const summary = perHour.map((p) => t('hourSummary', { hour: String(p.hour).padStart(2, '0'), arrivals: p.tickets + p.encounters, served: p.served })).join('; ');
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">{t('perHour')}</h2>
      <p class="legend">
        <span class="swatch arrivals" aria-hidden="true" /> {t('arrivals')} <span class="swatch served" aria-hidden="true" /> {t('served')}
      </p>
      <svg class="hour-chart" role="img" aria-label={summary || t('noneYet')} width={Math.max(1, perHour.length) * slot} height={height + 20} viewBox={`0 0 ${Math.max(1, perHour.length) * slot} ${height + 20}`}>
        {perHour.map((p, i) => (
          <g key={p.hour} data-hour={p.hour}>
            <rect class="bar-arrivals" x={i * slot + 6} y={height - y(p.tickets + p.encounters)} width={12} height={y(p.tickets + p.encounters)} />
            <rect class="bar-served" x={i * slot + 20} y={height - y(p.served)} width={12} height={y(p.served)} />
            <text x={i * slot + 19} y={height + 15} text-anchor="middle">{String(p.hour).padStart(2, '0')}</text>
          </g>
        ))}
      </svg>
    </section>
  );
}
