import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lang, t } from '../common/texts';
import { type ChartSpec, chartKind, chartMeasures, reportCharts } from './chart-options';
import type { ReportResult } from './types';

/**
 * ECharts is most of the page's weight: it loads after the filters and the table (which hold every figure), once,
 * when the first chart is drawn.
 */
let echarts: Promise<typeof import('./echarts-setup')> | undefined;
const loadEcharts = () => (echarts ??= import('./echarts-setup'));

/** One ECharts chart; the element around it is an image whose label summarises it (the table below holds every figure). */
function Chart({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let undo: (() => void) | undefined;
    let gone = false;
    void loadEcharts().then(({ init }) => {
      // The answer or the figure may have changed (or the page left) while ECharts loaded.
      if (gone || !ref.current) return;
      const chart = init(ref.current, undefined, { renderer: 'svg' });
      chart.setOption(spec.option);
      const resize = new ResizeObserver(() => chart.resize());
      resize.observe(ref.current);
      undo = () => {
        resize.disconnect();
        chart.dispose();
      };
    });
    return () => {
      gone = true;
      undo?.();
    };
  }, [spec]);
  return <div class="report-chart" role="img" aria-label={spec.summary} data-chart={spec.key} ref={ref} />;
}

/** The report's chart (a heat map per site for hour × weekday), with a choice of the figure it shows where there is one. */
export function ReportChart({ result }: { result: ReportResult }) {
  const measures = chartMeasures(result, t);
  const [measure, setMeasure] = useState(measures[0]?.key ?? '');
  const chosen = measures.some((m) => m.key === measure) ? measure : (measures[0]?.key ?? '');
  // Drawn again only when the answer or the figure changes, not on every render of the page.
  const charts = useMemo(() => reportCharts(result, chosen, lang, t), [result, chosen]);
  return (
    <section aria-labelledby="report-chart-title" class="report-charts" data-kind={chartKind(result)}>
      <h2 id="report-chart-title">{t('reports.chart')}</h2>
      {measures.length > 1 ? (
        <label class="measure">
          {t('reports.chart.measure')}
          <select data-testid="measure" value={chosen} onChange={(e) => setMeasure(e.currentTarget.value)}>
            {measures.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {charts.length ? charts.map((c) => <Chart key={c.key} spec={c} />) : <p class="muted">{t('reports.noRows')}</p>}
    </section>
  );
}
