import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  REPORT_COMPARES,
  REPORT_IDS,
  notFound,
  parseReportFilter,
  statText,
  type ColumnKind,
  type ReportFilter,
  type ReportId,
  type ReportLanguage,
  type ReportQuery,
  type ReportRow,
} from '@skranke/domain';
import type { Actor } from '../actor';
import { Clock } from '../clock';
import { type ReportDefinition, sentByEmail } from './report-definition';
import { readableSites } from './report-scope';
import { REPORTS } from './reports';

export interface ReportColumn {
  key: string;
  kind: ColumnKind;
  label: string;
  definition: string;
}

/** A report's answer, the same in every format: what it is, the filter it answers, its columns with their definitions, its rows. */
export interface ReportResult {
  report: ReportId;
  title: string;
  definition: string;
  filters: Omit<ReportFilter, 'format' | 'dialect'> & { sites: { id: string; name: string }[] };
  columns: ReportColumn[];
  rows: ReportRow[];
  totals: ReportRow | null;
  generatedAt: string;
}

export interface ReportListing {
  id: ReportId;
  title: string;
  definition: string;
  intervals: string[];
  formats: string[];
  available: boolean;
  /** The comparisons it offers; the page shows the choice only for these. */
  compares: string[];
  /** Whether it can be subscribed to by e-mail here: a report of aggregates, and this installation sends e-mail. */
  byEmail: boolean;
}

@Injectable()
export class StatisticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  list(lang: ReportLanguage, mailConfigured: boolean): ReportListing[] {
    return REPORT_IDS.map((id) => ({
      id,
      title: statText(lang, `report.${id}.title`),
      definition: statText(lang, `report.${id}.definition`),
      intervals: [...(REPORTS[id]?.intervals ?? [])],
      formats: [...(REPORTS[id]?.formats ?? ['json', 'csv', 'xlsx'])],
      available: !!REPORTS[id],
      compares: REPORTS[id]?.compareColumns ? [...REPORT_COMPARES] : [],
      byEmail: mailConfigured && !!REPORTS[id] && sentByEmail(REPORTS[id]),
    }));
  }

  definitionOf(id: string): ReportDefinition {
    const report = (REPORT_IDS as readonly string[]).includes(id) ? REPORTS[id as ReportId] : undefined;
    if (!report) throw notFound('report_not_found', 'No such report.', { report: id });
    return report;
  }

  /** Checks the query and the caller's sites, then runs the report: every format is made from this answer. */
  async run(
    id: string,
    query: ReportQuery,
    actor: Actor,
  ): Promise<{ result: ReportResult; filter: ReportFilter; stream?: AsyncGenerator<ReportRow> }> {
    const report = this.definitionOf(id);
    const filter = parseReportFilter(report, query);
    const sites = await readableSites(this.ds, actor, filter.siteIds);
    const now = this.clock.now();
    const ctx = { filter, sites, siteIds: sites.map((s) => s.id), now };
    const table = await report.run(this.ds, ctx);
    const lang = filter.lang;
    return {
      filter,
      stream: report.stream?.(this.ds, ctx),
      result: {
        report: report.id,
        title: statText(lang, `report.${report.id}.title`),
        definition: statText(lang, `report.${report.id}.definition`),
        filters: {
          siteIds: sites.map((s) => s.id),
          sites: sites.map((s) => ({ id: s.id, name: s.name })),
          from: filter.from,
          to: filter.to,
          interval: filter.interval,
          compare: filter.compare,
          lang,
        },
        columns: [...report.columns, ...(filter.compare ? (report.compareColumns ?? []) : [])].map((c) => ({
          key: c.key,
          kind: c.kind,
          label: statText(lang, `column.${c.key}.label`),
          definition: statText(lang, `column.${c.key}.definition`),
        })),
        rows: table.rows,
        totals: report.totals ? table.totals : null,
        generatedAt: now.toISOString(),
      },
    };
  }
}
