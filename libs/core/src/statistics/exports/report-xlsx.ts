import { statText } from '@skranke/domain';
import type { ReportResult } from '../statistics.service';
import { filterLines, totalsCells } from './filter-lines';

const FORMATS: Record<string, string | undefined> = { percent: '0.0', minutes: '0.0', count: '0' };

/** A report as an Excel workbook: the filter and the table on the first sheet, the definitions on the second. */
export async function reportXlsx(result: ReportResult): Promise<Buffer> {
  // Loaded at the first workbook: exceljs takes about 25 MB, which an app that never writes one should not hold.
  const { Workbook } = await import('exceljs');
  const book = new Workbook();
  book.created = new Date(result.generatedAt);
  const lang = result.filters.lang;
  const data = book.addWorksheet(statText(lang, 'export.data'));
  for (const line of filterLines(result)) data.addRow(line);
  data.addRow([]);
  const header = data.addRow(result.columns.map((c) => c.label));
  header.font = { bold: true };
  for (const row of result.rows) data.addRow(result.columns.map((c) => row[c.key] ?? null));
  const totals = totalsCells(result);
  if (totals) data.addRow(totals).font = { bold: true };
  result.columns.forEach((c, i) => {
    const column = data.getColumn(i + 1);
    column.width = Math.max(12, Math.min(40, c.label.length + 2));
    const format = FORMATS[c.kind];
    if (format) column.numFmt = format;
  });
  const definitions = book.addWorksheet(statText(lang, 'export.definitions'));
  definitions.addRow([result.title, result.definition]);
  for (const c of result.columns) definitions.addRow([c.label, c.definition]);
  definitions.getColumn(1).width = 30;
  definitions.getColumn(2).width = 100;
  return Buffer.from(await book.xlsx.writeBuffer());
}
