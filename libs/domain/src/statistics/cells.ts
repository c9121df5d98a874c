import type { Cell, ColumnKind } from './catalogue';
import type { CsvDialect } from './report-filter';

/**
 * A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe (OWASP's advice for CSV injection), so `=HYPERLINK(...)` in a service name shows as text.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell as CSV text in the dialect: decimal comma for excel-da, point for rfc4180; names neutralised. */
export function csvCell(value: Cell, kind: ColumnKind, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const text = String(value);
    return dialect === 'excel-da' ? text.replace('.', ',') : text;
  }
  return kind === 'text' ? neutraliseFormula(value) : value;
}
