import type { ReportResult } from '@skranke/core';
import type { Cell } from '@skranke/domain';

type Say = (key: string, params?: Record<string, string | number>) => string;

/** At most this many rows in the message; the attached CSV holds them all. */
const MAX_ROWS = 40;
const BAR_PX = 240;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const label = (result: ReportResult, row: Record<string, Cell>) =>
  result.columns
    .filter((c) => c.kind === 'text' || c.kind === 'period' || c.kind === 'date')
    .map((c) => row[c.key])
    .filter((v) => v !== null && v !== '')
    .join(' · ');
/** The figure the chart draws: the report's first count (arrivals in report 1), else its first number. */
const measure = (result: ReportResult) =>
  result.columns.find((c) => c.kind === 'count') ??
  result.columns.find((c) => c.kind !== 'text' && c.kind !== 'period' && c.kind !== 'date');

/**
 * The message's chart as plain HTML: one bar per row, drawn with table cells and inline styles, which every mail
 * client shows (SVG and scripts are blocked by most). The table under it is the chart's accessible twin.
 */
export function reportMailHtml(result: ReportResult, t: Say): string {
  const m = measure(result);
  const rows = result.rows.slice(0, MAX_ROWS);
  const max = Math.max(1, ...rows.map((r) => (m && typeof r[m.key] === 'number' ? (r[m.key] as number) : 0)));
  const bars = m
    ? rows
        .map((r) => {
          const v = typeof r[m.key] === 'number' ? (r[m.key] as number) : 0;
          const width = Math.max(1, Math.round((v / max) * BAR_PX));
          return `<tr><td style="padding:2px 8px 2px 0;font-size:13px">${escape(label(result, r))}</td><td style="padding:2px 0"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="background:#0059b3;width:${width}px;height:14px;font-size:0">&nbsp;</td><td style="padding-left:6px;font-size:13px">${v}</td></tr></table></td></tr>`;
        })
        .join('')
    : '';
  const head = result.columns
    .map((c) => `<th scope="col" style="text-align:left;padding:2px 6px;border-bottom:1px solid #999">${escape(c.label)}</th>`)
    .join('');
  const body = rows
    .map((r) => `<tr>${result.columns.map((c) => `<td style="padding:2px 6px">${escape(String(r[c.key] ?? ''))}</td>`).join('')}</tr>`)
    .join('');
  const more = result.rows.length > MAX_ROWS ? `<p>${escape(t('mail.more', { count: result.rows.length - MAX_ROWS }))}</p>` : '';
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#1a1a1a">
<h1 style="font-size:18px">${escape(result.title)}</h1>
<p>${escape(result.filters.sites.map((s) => s.name).join(', '))}: ${result.filters.from}–${result.filters.to}</p>
<p>${escape(t('mail.intro'))}</p>
${m ? `<h2 style="font-size:15px">${escape(t('mail.chart', { label: m.label }))}</h2><table role="presentation" cellpadding="0" cellspacing="0">${bars}</table>` : ''}
<table style="border-collapse:collapse;margin-top:16px;font-size:13px"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>
${more}<p style="color:#555;font-size:12px">${escape(result.definition)}</p>
<p style="color:#555;font-size:12px">${escape(t('mail.manage'))}</p>
</body></html>`;
}

export function reportMailText(result: ReportResult, t: Say): string {
  const m = measure(result);
  const lines = result.rows.slice(0, MAX_ROWS).map((r) => `${label(result, r)}: ${m ? (r[m.key] ?? '') : ''}`);
  return [
    result.title,
    `${result.filters.sites.map((s) => s.name).join(', ')}: ${result.filters.from}–${result.filters.to}`,
    '',
    t('mail.intro'),
    '',
    ...(m ? [t('mail.chart', { label: m.label }), ...lines] : []),
    ...(result.rows.length > MAX_ROWS ? [t('mail.more', { count: result.rows.length - MAX_ROWS })] : []),
    '',
    t('mail.manage'),
  ].join('\n');
}
