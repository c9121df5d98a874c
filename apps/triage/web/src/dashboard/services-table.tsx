import { type TriageSchemas, formatNumber, waitText } from '@skranke/web';
import { lang, serviceName, t } from '../common/texts';

export type Dashboard = TriageSchemas['schemas']['DashboardSchema'];
type Accuracy = TriageSchemas['schemas']['AccuracySchema'];
type Staffing = TriageSchemas['schemas']['ServiceStaffingSchema'];

const minutes = (n: number) => t('minutes', { min: formatNumber(lang, n) });
const percent = (n: number | null) => (n === null ? '–' : `${formatNumber(lang, n)} %`);

/** "±1,5 min · 80 % i intervallet", or a dash before anything could be scored. */
export function accuracyText(a: Accuracy | null): string {
  if (!a?.scored || a.meanAbsoluteErrorMinutes === null) return '–';
  return t('accuracyValue', { mae: formatNumber(lang, a.meanAbsoluteErrorMinutes, 1), share: formatNumber(lang, Math.round(100 * (a.withinRangeShare ?? 0))) });
}

export function staffingText(s: Staffing | null | undefined, service: string): string {
  if (!s) return '';
  return t(s.advice.key, { ...s.advice.params, service });
}

/** The services now: plain headers, each actual figure with its target beside it, and the site-wide line below. */
export function ServicesTable({ data }: { data: Dashboard }) {
  const total = data.totals;
  const accuracy = total.estimateAccuracy;
  return (
    <section aria-labelledby="now-title">
      <h2 id="now-title">{t('now')}</h2>
      <div class="table-scroll">
        <table class="services-table">
          <thead>
            <tr>
              <th scope="col">{t('col.service')}</th>
              <th scope="col">{t('col.waiting')}</th>
              <th scope="col">{t('col.longest')}</th>
              <th scope="col">{t('col.estimate')}</th>
              <th scope="col">{t('col.withinTarget')}</th>
              <th scope="col">{t('col.accuracy')}</th>
              <th scope="col">{t('col.staffing')}</th>
            </tr>
          </thead>
          <tbody>
            {data.services.map((s) => {
              const wait = waitText(t, s.estimatedWait);
              const name = serviceName(s.names);
              return (
                <tr key={s.serviceId} data-service={s.code}>
                  <th scope="row">{name}</th>
                  <td data-cell="waiting">{formatNumber(lang, s.waiting)}</td>
                  <td data-cell="longest">{t('withTarget', { actual: minutes(s.longestWaitMinutes), target: minutes(s.targetWaitMinutes) })}</td>
                  <td data-cell="estimate">{wait.text}{wait.range ? <small class="muted"> ({wait.range})</small> : null}</td>
                  <td data-cell="within">{s.withinTargetPercent === null ? '–' : t('withTarget', { actual: percent(s.withinTargetPercent), target: percent(s.serviceLevelPercent) })}</td>
                  <td data-cell="accuracy">{accuracyText(s.estimateAccuracy)}</td>
                  <td data-cell="staffing" class={s.staffing && s.staffing.delta > 0 ? 'attention' : 'muted'}>{s.staffing && s.staffing.delta !== 0 ? staffingText(s.staffing, name) : ''}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr data-service="total">
              <th scope="row">{t('siteWide')}</th>
              <td data-cell="waiting">{formatNumber(lang, total.waiting)}</td>
              <td data-cell="longest">{minutes(total.longestWaitMinutes)}</td>
              <td data-cell="estimate" />
              <td data-cell="within">{percent(total.withinTargetPercent)}</td>
              <td data-cell="accuracy">{accuracyText(accuracy)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="explain" data-testid="accuracy-explained">
        {accuracy.scored && accuracy.meanAbsoluteErrorMinutes !== null
          ? t('accuracyExplained', {
              mae: formatNumber(lang, accuracy.meanAbsoluteErrorMinutes, 1),
              share: formatNumber(lang, Math.round(100 * (accuracy.withinRangeShare ?? 0))),
              scored: formatNumber(lang, accuracy.scored),
            })
          : t('accuracyNotYet')}{' '}
        {t('withinExplained')}
      </p>
    </section>
  );
}
