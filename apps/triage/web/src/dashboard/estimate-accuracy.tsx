import { type TriageSchemas, formatNumber } from '@skranke/web';
import { lang, serviceName, t } from '../common/texts';

export type EstimateAccuracy = TriageSchemas['schemas']['EstimateAccuracySchema'];

const percent = (share: number | null) => (share === null ? '–' : `${formatNumber(lang, Math.round(100 * share))} %`);
const factor = (f: number) => formatNumber(lang, f, 2);

/**
 * How well the wait estimates held over the last 14 days, per service (issue 23): the mean absolute error of the
 * wait shown, the share of citizens called within the range shown (promised: 80 %), and how the nightly
 * calibration has widened or narrowed each service's range; a sentence says what these mean.
 */
export function EstimateAccuracyTable({ accuracy, services }: { accuracy: EstimateAccuracy; services: { serviceId: string; names: Record<string, string> }[] }) {
  const name = (id: string) => {
    const s = services.find((x) => x.serviceId === id);
    return s ? serviceName(s.names) : '';
  };
  return (
    <section aria-labelledby="accuracy-title" data-testid="estimate-accuracy">
      <h2 id="accuracy-title">{t('accuracy14.title', { days: formatNumber(lang, accuracy.days) })}</h2>
      <div class="table-scroll">
        <table class="accuracy-table">
          <thead>
            <tr>
              <th scope="col">{t('col.service')}</th>
              <th scope="col">{t('accuracy14.col.scored')}</th>
              <th scope="col">{t('accuracy14.col.mae')}</th>
              <th scope="col">{t('accuracy14.col.within', { target: formatNumber(lang, Math.round(100 * accuracy.targetWithinRangeShare)) })}</th>
              <th scope="col">{t('accuracy14.col.calibration')}</th>
            </tr>
          </thead>
          <tbody>
            {accuracy.services.map((s) => {
              const off = s.withinRangeShare !== null && Math.abs(s.withinRangeShare - accuracy.targetWithinRangeShare) > 0.05;
              return (
                <tr key={s.serviceId} data-service-id={s.serviceId}>
                  <th scope="row">{name(s.serviceId)}</th>
                  <td data-cell="scored">{formatNumber(lang, s.scored)}</td>
                  <td data-cell="mae">{s.meanAbsoluteErrorMinutes === null ? '–' : t('minutes', { min: formatNumber(lang, s.meanAbsoluteErrorMinutes, 1) })}</td>
                  <td data-cell="within" class={off ? 'attention' : undefined}>{percent(s.withinRangeShare)}</td>
                  <td data-cell="calibration">
                    {s.calibration ? t('accuracy14.calibration', { low: factor(s.calibration.lowFactor), high: factor(s.calibration.highFactor) }) : t('accuracy14.notCalibrated')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="explain" data-testid="accuracy14-explained">{t('accuracy14.explained', { days: formatNumber(lang, accuracy.days) })}</p>
    </section>
  );
}
