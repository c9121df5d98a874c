import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { Access, CurrentActor } from '@skranke/auth';
import type { Actor } from '@skranke/core';
import { calendarDateParam, invalid, isUuid, neutraliseFormula } from '@skranke/domain';
import { Temporal } from 'temporal-polyfill';
import { DataSource } from 'typeorm';
import { AuditPageSchema } from './audit.schemas';
import { AuditRow, AuditService, auditScope } from './audit.service';

const MAX_DAYS = 366;
const PAGE = { json: { default: 100, max: 1000 }, csv: { default: 100_000, max: 100_000 } };
const ZONE = 'Europe/Copenhagen';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Access({ site: 'none', roles: ['admin'] })
  @ApiOperation({
    summary: 'The audit log: who did what, when, to which ticket, counter, user, device or setting, and from where',
    description:
      "An admin reads their sites', a municipality administrator its sites', the installation's administrator all (also acts of no site). Days from–to (both included, at most 366; default the last 30) in the site's time zone. Oldest first, `limit` per page (JSON 100, at most 1000; CSV up to 100 000), then `offset`=`nextOffset`. `format=csv` answers text/csv (header `X-Next-Offset` when more remain).",
  })
  @ApiQuery({ name: 'siteId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'from', required: false, example: '2027-03-01' })
  @ApiQuery({ name: 'to', required: false, example: '2027-03-31' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AuditPageSchema })
  async list(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<AuditPageSchema | string> {
    const format = query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw invalid('invalid_value', 'format must be json or csv.');
    if (query.siteId !== undefined && !isUuid(query.siteId)) throw invalid('invalid_id', 'siteId must be a UUID.');
    const siteId = (query.siteId as string | undefined) ?? null;
    const sites = auditScope(actor, siteId);
    const timezone = siteId ? ((await this.dataSource.query('SELECT timezone FROM site WHERE id = $1', [siteId]))[0]?.timezone ?? ZONE) : ZONE;
    const today = Temporal.Now.plainDateISO(timezone);
    const to = query.to === undefined ? today.toString() : calendarDateParam(query.to, 'to');
    const from = query.from === undefined ? Temporal.PlainDate.from(to).subtract({ days: 29 }).toString() : calendarDateParam(query.from, 'from');
    const days = Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days + 1;
    if (days < 1) throw invalid('invalid_range', 'to must not be before from.');
    if (days > MAX_DAYS) throw invalid('range_too_long', `Choose at most ${MAX_DAYS} days at a time.`, { maxDays: MAX_DAYS });
    const page = PAGE[format];
    const limit = wholeNumber(query.limit, 'limit', 1, page.max) ?? page.default;
    const offset = wholeNumber(query.offset, 'offset', 0, 10_000_000) ?? 0;
    const result = sites && !sites.length ? { rows: [], nextOffset: null } : await this.audit.read({ sites, from, to, timezone, limit, offset });
    if (format === 'json') return { entries: result.rows, nextOffset: result.nextOffset };
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="skranke-audit-${from}-${to}.csv"`);
    if (result.nextOffset !== null) res.setHeader('X-Next-Offset', String(result.nextOffset));
    return csv(result.rows);
  }
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid('number_out_of_range', `${name} must be a whole number ${min}…${max}.`);
  return n;
}

const COLUMNS: (keyof AuditRow)[] = ['at', 'source', 'action', 'actorKind', 'actorId', 'actorLabel', 'siteId', 'subjectType', 'subjectId', 'ticketNumber', 'counterId', 'deviceId', 'address', 'details'];

/** RFC 4180, with a header row; details as JSON. A cell starting with = + - @ gets a leading ' so a spreadsheet never runs it as a formula. */
function csv(rows: AuditRow[]): string {
  const cell = (v: unknown) => neutraliseFormula(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return stringify([COLUMNS, ...rows.map((r) => COLUMNS.map((c) => cell(r[c])))], { record_delimiter: '\r\n' });
}
