import { lang, t } from '../common/texts';
import { type ReportResult, cellText } from './types';

const weekText = (week: number, year: number) => t('reports.week', { week, year });
const defId = (key: string) => `def-${key}`;

/**
 * The report as a real table, the chart's accessible twin: a caption with the filter, column headers that
 * carry their written definition (title on hover, aria-describedby for screen readers, and all of them in
 * the definitions list below), the first text columns as row headers, the totals row in <tfoot>.
 */
export function ReportTable({ result, caption }: { result: ReportResult; caption: string }) {
  const { columns, rows, totals } = result;
  // Periods, sites and services name the row; the first such column is its header cell.
  const rowHeader = columns.findIndex((c) => c.kind === 'period' || c.kind === 'date' || c.kind === 'text');
  const numeric = (kind: string) => kind !== 'text' && kind !== 'period' && kind !== 'date';
  return (
    <section aria-labelledby="report-table-title" class="report-table">
      <h2 id="report-table-title">{t('reports.table')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="report-table-title">
        <table data-report={result.report}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  data-col={c.key}
                  class={numeric(c.kind) ? 'num' : undefined}
                  title={c.definition}
                  aria-describedby={defId(c.key)}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c, j) =>
                    j === rowHeader ? (
                      <th key={c.key} scope="row" data-col={c.key}>
                        {cellText(lang, c, row[c.key], weekText)}
                      </th>
                    ) : (
                      <td key={c.key} data-col={c.key} class={numeric(c.kind) ? 'num' : undefined}>
                        {cellText(lang, c, row[c.key], weekText)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={columns.length} data-testid="no-rows">
                  {t('reports.noRows')}
                </td>
              </tr>
            )}
          </tbody>
          {totals ? (
            <tfoot>
              <tr data-testid="totals">
                {columns.map((c, j) =>
                  j === rowHeader ? (
                    <th key={c.key} scope="row" data-col={c.key}>
                      {t('reports.totals')}
                    </th>
                  ) : (
                    <td key={c.key} data-col={c.key} class={numeric(c.kind) ? 'num' : undefined}>
                      {totals[c.key] === null || totals[c.key] === undefined ? '' : cellText(lang, c, totals[c.key], weekText)}
                    </td>
                  ),
                )}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <details class="definitions">
        <summary>{t('reports.columnDefinitions')}</summary>
        <dl>
          {columns.map((c) => (
            <div key={c.key}>
              <dt>{c.label}</dt>
              <dd id={defId(c.key)}>{c.definition}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
