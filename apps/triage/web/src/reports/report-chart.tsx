import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { lang, t } from '../common/texts';
import { type ChartSpec, chartKind, chartMeasures, reportCharts } from './chart-options';
import type { ReportResult } from './types';

// Only what the page draws, in SVG (no eval, no canvas): keeps the bundle small and the CSP strict.
use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** One ECharts chart; the element around it is an image whose label summarises it (the table below holds every figure). */
function Chart({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = init(ref.current!, undefined, { renderer: 'svg' });
    chart.setOption(spec.option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
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
