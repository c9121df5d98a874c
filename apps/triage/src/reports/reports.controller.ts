import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { StatisticsService, reportCsv, reportXlsx, type Actor, type ReportResult } from '@skranke/core';
import { CSV_DIALECTS, INTERVALS, REPORT_FORMATS, REPORT_COMPARES, REPORT_LANGUAGES, type ReportLanguage, type ReportQuery } from '@skranke/domain';
import { ReportListingSchema, ReportResultSchema } from './reports.schemas';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly statistics: StatisticsService,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Get()
  @Access({ site: 'none', roles: ['reports'] })
  @ApiOperation({ summary: 'The statistics reports with their written definitions' })
  @ApiQuery({ name: 'lang', required: false, enum: REPORT_LANGUAGES })
  @ApiOkResponse({ type: [ReportListingSchema] })
  list(@Query('lang') lang?: string): ReportListingSchema[] {
    const language = (REPORT_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as ReportLanguage) : 'da';
    return this.statistics.list(language, !!this.config.notifications.email);
  }

  @Get(':report')
  @Access({ site: 'none', roles: ['reports'] })
  @ApiOperation({
    summary: 'One report for the sites and period: JSON, CSV (excel-da by default, or rfc4180) or XLSX, all made from the same answer',
    description:
      'Supervisors and reports readers of every site asked for (a municipality administrator: its sites); siteIds left out means every site the caller may read. 403 report_site_forbidden for a site outside the caller’s; 400 invalid_date, invalid_period, period_too_long, interval_not_supported, invalid_site_ids.',
  })
  @ApiQuery({ name: 'siteIds', required: false, description: 'Comma-separated site ids' })
  @ApiQuery({ name: 'from', required: true, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: true, example: '2026-11-30' })
  @ApiQuery({ name: 'interval', required: false, enum: INTERVALS })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiQuery({ name: 'dialect', required: false, enum: CSV_DIALECTS })
  @ApiQuery({ name: 'lang', required: false, enum: REPORT_LANGUAGES })
  @ApiQuery({ name: 'compare', required: false, enum: REPORT_COMPARES, description: 'previous-year: the same dates a year earlier (by ISO week and weekday for week and day) beside each row; 400 compare_not_supported for a report without it' })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({ type: ReportResultSchema })
  async report(
    @Param('report') id: string,
    @Query() query: ReportQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportResult | StreamableFile> {
    const { result, filter, stream } = await this.statistics.run(id, query, actor);
    if (filter.format === 'json') return result;
    const name = `skranke-${result.report}-${filter.from}-${filter.to}`;
    if (filter.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      const csv = reportCsv(result, filter.dialect, stream);
      // A client that goes away stops the query (and gives its connection back) at once.
      res.once('close', () => csv.destroy());
      return new StreamableFile(csv);
    }
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    return new StreamableFile(await reportXlsx(result));
  }
}
