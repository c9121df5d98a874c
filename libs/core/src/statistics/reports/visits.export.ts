import type { DataSource } from 'typeorm';
import { secondsToMinutes, statText, type ReportLanguage, type ReportRow } from '@skranke/domain';
import type { ReportContext, ReportDefinition } from '../report-definition';

interface VisitRow {
  business_date: string;
  site: string;
  service: string;
  issued: string;
  channel: string;
  result: string;
  wait_seconds: number | null;
  wait_reliable: boolean;
  handling_seconds: number | null;
  mistaken: boolean;
  transfer_count: number;
  outcome: string | null;
  help_mode: string | null;
}

/**
 * Every visit of the period as one line of `stat_ticket`, streamed from a cursor so a year of a large municipality
 * leaves the process small. No ticket number, counter, staff member, note or contact: a line is a visit, not a person.
 */
export const visitsExport: ReportDefinition = {
  id: 'visits',
  intervals: ['day'],
  totals: false,
  formats: ['csv'],
  columns: [
    { key: 'date', kind: 'date' },
    { key: 'site', kind: 'text' },
    { key: 'service', kind: 'text' },
    { key: 'issuedTime', kind: 'text' },
    { key: 'channel', kind: 'text' },
    { key: 'result', kind: 'text' },
    { key: 'waitMinutes', kind: 'minutes' },
    { key: 'handlingMinutes', kind: 'minutes' },
    { key: 'transfers', kind: 'count' },
    { key: 'outcome', kind: 'text' },
    { key: 'helpMode', kind: 'text' },
  ],
  run: async () => ({ rows: [], totals: null }),
  async *stream(ds: DataSource, ctx: ReportContext): AsyncGenerator<ReportRow> {
    const runner = ds.createQueryRunner();
    try {
      const rows = await runner.stream(
        `SELECT s.business_date::text AS business_date, si.name AS site, coalesce(sv.names->>$4, sv.names->>'da') AS service,
                to_char(s.issued_at AT TIME ZONE si.timezone, 'HH24:MI') AS issued, s.channel, s.result, s.wait_seconds,
                s.wait_reliable, s.handling_seconds, s.mistaken, s.transfer_count, s.outcome, s.help_mode
           FROM stat_ticket s JOIN site si ON si.id = s.site_id JOIN service sv ON sv.id = s.service_id
          WHERE s.site_id = ANY($1) AND s.business_date BETWEEN $2 AND $3
          ORDER BY si.name, s.site_id, s.business_date, s.issued_at`,
        [ctx.siteIds, ctx.filter.from, ctx.filter.to, ctx.filter.lang],
      );
      for await (const r of rows as AsyncIterable<VisitRow>) yield toRow(r, ctx.filter.lang);
    } finally {
      await runner.release();
    }
  },
};

/** A code as the language says it (`served` → Betjent); the code itself where no text is written. */
const say = (lang: ReportLanguage, kind: string, code: string | null) =>
  code === null ? null : statText(lang, `value.${kind}.${code}`).replace(/^value\.[^.]+\./, '');

function toRow(r: VisitRow, lang: ReportLanguage): ReportRow {
  return {
    date: r.business_date,
    site: r.site,
    service: r.service,
    issuedTime: r.issued,
    channel: say(lang, 'channel', r.channel),
    result: say(lang, 'result', r.mistaken ? 'mistaken' : r.result),
    waitMinutes: r.wait_reliable ? secondsToMinutes(r.wait_seconds) : null,
    handlingMinutes: r.mistaken ? null : secondsToMinutes(r.handling_seconds),
    transfers: r.transfer_count,
    outcome: say(lang, 'outcome', r.outcome),
    helpMode: say(lang, 'helpMode', r.help_mode),
  };
}
