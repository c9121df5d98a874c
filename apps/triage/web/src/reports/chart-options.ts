import type { EChartsCoreOption } from 'echarts/core';
import { type ReportColumn, type ReportResult, type ReportRow, formatFigure, isNumeric } from './types';
import { periodLabel, weekdayNames } from './period';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** One chart: its ECharts option and the sentence a screen reader hears instead (the table says the rest). */
export interface ChartSpec {
  key: string;
  option: EChartsCoreOption;
  summary: string;
}

export type ChartKind = 'heatmap' | 'stacked' | 'series';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const COLOURS = ['#1b5e8c', '#c2571a', '#2e7d32', '#6a3d9a', '#8c6d1f', '#b0245b', '#00796b', '#455a64'];

/** A share of a whole (wait buckets, outcomes): count columns with a `…Percent` twin; those are stacked. */
const stackColumns = (r: ReportResult) => r.columns.filter((c) => c.kind === 'count' && r.columns.some((p) => p.key === `${c.key}Percent`));

/** The default chart of a report: a heat map for hour × weekday, stacked bars for distributions, else bars or lines over the period. */
export function chartKind(r: ReportResult): ChartKind {
  if (r.columns.some((c) => c.key === 'arrivalsMon')) return 'heatmap';
  if (stackColumns(r).length >= 2) return 'stacked';
  return 'series';
}

/** The figures a chart can show, and the one it starts with: the p90 wait where there is a target to draw, else the first count. */
export function chartMeasures(r: ReportResult, t: Translate): { key: string; label: string }[] {
  const kind = chartKind(r);
  if (kind === 'heatmap')
    return [
      { key: 'arrivals', label: t('reports.heat.arrivals') },
      { key: 'p90', label: t('reports.heat.p90') },
    ];
  if (kind === 'stacked') return [];
  const numeric = r.columns.filter((c) => isNumeric(c) && c.key !== 'targetMinutes');
  const first = r.columns.some((c) => c.key === 'targetMinutes')
    ? numeric.find((c) => c.key === 'waitP90')
    : numeric.find((c) => c.kind === 'count');
  const ordered = first ? [first, ...numeric.filter((c) => c !== first)] : numeric;
  return ordered.map((c) => ({ key: c.key, label: c.label }));
}

const textColumns = (r: ReportResult) =>
  r.columns.filter((c) => c.kind === 'text' && !stackColumns(r).includes(c) && c.key !== 'referralTargets');
const categoryColumn = (r: ReportResult) => r.columns.find((c) => c.kind === 'period' || c.kind === 'date');

function baseOption(): EChartsCoreOption {
  return {
    animation: false,
    color: COLOURS,
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    // Rich text keeps the tooltip inside the SVG: an HTML tooltip would need inline styles the CSP refuses.
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  };
}

function seriesChart(r: ReportResult, measureKey: string, lang: string, t: Translate): ChartSpec {
  const week = (w: number, y: number) => t('reports.week', { week: w, year: y });
  const measure = r.columns.find((c) => c.key === measureKey) ?? r.columns.find(isNumeric)!;
  const cat = categoryColumn(r);
  const texts = textColumns(r);
  const name = (row: ReportRow) => texts.map((c) => String(row[c.key] ?? '–')).join(' · ') || measure.label;
  const categories = cat ? [...new Set(r.rows.map((row) => String(row[cat.key])))].sort() : [measure.label];
  const names = [...new Set(r.rows.map(name))];
  const value = (n: string, category: string) => {
    const row = r.rows.find((x) => name(x) === n && (!cat || String(x[cat.key]) === category));
    const v = row?.[measure.key];
    return typeof v === 'number' ? v : null;
  };
  // Sites side by side; lines when there are many periods or the axis is the time of day.
  const line = categories.length > 12 || cat?.key === 'timeOfDay';
  const targets =
    measure.kind === 'minutes'
      ? [...new Set(r.rows.map((x) => x.targetMinutes).filter((v): v is number => typeof v === 'number'))].slice(0, 3)
      : [];
  const fmt = (v: unknown) => (typeof v === 'number' ? formatFigure(lang, measure.kind, v) : '–');
  const series = names.map((n, i) => ({
    type: line ? 'line' : 'bar',
    name: n,
    data: categories.map((c) => value(n, c)),
    ...(i === 0 && targets.length
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#b3261e', type: 'dashed', width: 2 },
            label: { position: 'insideEndTop', formatter: (p: { value: number }) => t('reports.target', { minutes: fmt(p.value) }) },
            data: targets.map((v) => ({ yAxis: v })),
          },
        }
      : {}),
  }));
  let max = { v: -Infinity, where: '' };
  for (const n of names)
    for (const c of categories) {
      const v = value(n, c);
      if (v !== null && v > max.v) max = { v, where: cat ? `${n}, ${periodLabel(lang, c, week)}` : n };
    }
  const summary = [
    t('reports.chart.series', { measure: measure.label, series: names.length, categories: categories.length }),
    max.v > -Infinity ? t('reports.chart.highest', { value: fmt(max.v), where: max.where }) : t('reports.noRows'),
    ...targets.map((v) => t('reports.target', { minutes: fmt(v) })),
  ].join(' ');
  return {
    key: 'series',
    summary,
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true, valueFormatter: fmt },
      xAxis: { type: 'category', data: categories, axisLabel: { formatter: (v: string) => periodLabel(lang, v, week) } },
      yAxis: { type: 'value', name: measure.label, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => fmt(v) } },
      series,
    },
  };
}

function stackedChart(r: ReportResult, lang: string, t: Translate): ChartSpec {
  const week = (w: number, y: number) => t('reports.week', { week: w, year: y });
  const stacks = stackColumns(r);
  const cat = categoryColumn(r);
  const texts = textColumns(r);
  const label = (row: ReportRow) =>
    [...(cat ? [periodLabel(lang, String(row[cat.key]), week)] : []), ...texts.map((c) => String(row[c.key] ?? '–'))].join(' · ');
  const categories = r.rows.map(label);
  const fmt = (v: unknown) => (typeof v === 'number' ? formatFigure(lang, 'count', v) : '–');
  return {
    key: 'stacked',
    summary: t('reports.chart.stacked', { parts: stacks.map((c) => c.label).join(', '), categories: categories.length }),
    option: {
      ...baseOption(),
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true, valueFormatter: fmt },
      xAxis: {
        type: 'category',
        data: categories,
        axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0, width: 140, overflow: 'truncate' },
      },
      yAxis: { type: 'value', axisLabel: { formatter: fmt } },
      // Each family of shares its own stack (outcomes beside modes of help), named by the key's first word.
      series: stacks.map((c: ReportColumn) => ({
        type: 'bar',
        name: c.label,
        stack: /^[a-z]+/.exec(c.key)?.[0] ?? 'all',
        data: r.rows.map((row) => row[c.key] ?? 0),
      })),
    },
  };
}

function heatmapCharts(r: ReportResult, measure: string, lang: string, t: Translate): ChartSpec[] {
  const days = weekdayNames(lang);
  const sites = [...new Set(r.rows.map((row) => String(row.site)))];
  const kind = measure === 'p90' ? 'minutes' : 'number';
  const fmt = (v: unknown) => (typeof v === 'number' ? formatFigure(lang, kind, v) : '–');
  const measureLabel = measure === 'p90' ? t('reports.heat.p90') : t('reports.heat.arrivals');
  return sites.map((site) => {
    const rows = r.rows.filter((row) => String(row.site) === site);
    const hours = rows.map((row) => periodLabel(lang, String(row.hourOfDay), () => ''));
    const data = rows.flatMap((row, y) =>
      WEEKDAYS.map((d, x) => [x, y, typeof row[`${measure}${d}`] === 'number' ? row[`${measure}${d}`] : '-']),
    );
    const values = data.map((d) => d[2]).filter((v): v is number => typeof v === 'number');
    const max = Math.max(1, ...values);
    let top = { v: -Infinity, where: '' };
    for (const [x, y, v] of data) if (typeof v === 'number' && v > top.v) top = { v, where: `${days[x as number]} ${hours[y as number]}` };
    return {
      key: site,
      summary: [
        t('reports.chart.heat', { site, measure: measureLabel, hours: hours.length }),
        top.v > -Infinity ? t('reports.chart.highest', { value: fmt(top.v), where: top.where }) : t('reports.noRows'),
      ].join(' '),
      option: {
        ...baseOption(),
        legend: undefined,
        title: { text: site, left: 0, textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'item', renderMode: 'richText', confine: true, valueFormatter: fmt },
        grid: { left: 8, right: 16, top: 36, bottom: 56, containLabel: true },
        xAxis: { type: 'category', data: days, splitArea: { show: true } },
        yAxis: { type: 'category', data: hours, inverse: true, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max,
          calculable: false,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#f1f6fa', '#1b5e8c'] },
          formatter: fmt,
        },
        series: [
          {
            type: 'heatmap',
            name: measureLabel,
            data,
            label: { show: hours.length <= 14, formatter: (p: { value: unknown[] }) => fmt(p.value[2]) },
          },
        ],
      },
    };
  });
}

/** The charts of a report: one, or one per site for the heat map. */
export function reportCharts(r: ReportResult, measure: string, lang: string, t: Translate): ChartSpec[] {
  const kind = chartKind(r);
  if (!r.rows.length) return [];
  if (kind === 'heatmap') return heatmapCharts(r, measure, lang, t);
  if (kind === 'stacked') return [stackedChart(r, lang, t)];
  if (!r.columns.some(isNumeric)) return [];
  return [seriesChart(r, measure, lang, t)];
}
