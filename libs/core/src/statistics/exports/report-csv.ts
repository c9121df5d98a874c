import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import { csvCell, statText, type CsvDialect, type ReportRow } from '@skranke/domain';
import type { ReportResult } from '../statistics.service';
import { filterLines, totalsCells } from './filter-lines';

/**
 * A report as CSV, streamed: the filter lines, an empty line, the header and rows (and totals), an empty line, then
 * each column's definition. `excel-da` is UTF-8 with a BOM, `;` and decimal commas; `rfc4180` is `,` and points.
 * Text cells that a spreadsheet would run as formulas are neutralised. `rows` may be a stream (the visits export).
 */
export function reportCsv(
  result: ReportResult,
  dialect: CsvDialect,
  rows: Iterable<ReportRow> | AsyncIterable<ReportRow> = result.rows,
): Readable {
  const lines = async function* (): AsyncGenerator<string[]> {
    for (const line of filterLines(result)) yield line;
    yield [];
    yield result.columns.map((c) => c.label);
    for await (const row of rows) yield result.columns.map((c) => csvCell(row[c.key] ?? null, c.kind, dialect));
    const totals = totalsCells(result);
    if (totals) yield totals.map((v, i) => csvCell(v, i === 0 ? 'text' : result.columns[i].kind, dialect));
    yield [];
    yield [statText(result.filters.lang, 'export.definitions')];
    yield [result.title, result.definition];
    for (const c of result.columns) yield [c.label, c.definition];
  };
  const csv = stringify({ delimiter: dialect === 'excel-da' ? ';' : ',', bom: dialect === 'excel-da', record_delimiter: 'windows' });
  // pipeline, not pipe: when the reader goes away (csv destroyed), the rows' source stops too and frees its cursor.
  pipeline(Readable.from(lines()), csv, () => undefined);
  return csv;
}
