import { statText, type Cell, type ReportLanguage } from '@skranke/domain';
import type { ReportResult } from '../statistics.service';

/** The filter a report answers, as label/value lines: the first lines of every export, so a file says what it holds. */
export function filterLines(result: ReportResult): string[][] {
  const lang: ReportLanguage = result.filters.lang;
  const t = (key: string) => statText(lang, key);
  return [
    [t('export.report'), result.title],
    [t('export.sites'), result.filters.sites.map((s) => s.name).join(', ')],
    [t('export.period'), result.filters.from, result.filters.to],
    [t('export.interval'), t(`interval.${result.filters.interval}`)],
    ...(result.filters.compare ? [[t('export.compare'), t(`compare.${result.filters.compare}`)]] : []),
    [t('export.made'), result.generatedAt],
  ];
}

/** The totals row with its label in the first column. */
export function totalsCells(result: ReportResult): Cell[] | null {
  if (!result.totals) return null;
  const totals = result.totals;
  return result.columns.map((c, i) => (i === 0 ? statText(result.filters.lang, 'export.total') : (totals[c.key] ?? null)));
}
