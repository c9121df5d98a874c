import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mayAct } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import type { Actor } from '@skranke/core';
import { Clock } from '@skranke/core';
import { conflict, forbidden, invalid, isUuid, notFound } from '@skranke/domain';
import { LoggedEvent, WEBHOOK_EVENT_TYPES, checkWebhookAddress, newWebhookSecret, parseWebhookUrl, webhookMessage } from '@skranke/jobs';
import { WebhookDelivery, WebhookEndpoint } from '@skranke/persistence';
import {
  CreateWebhookDto,
  CreatedWebhookSchema,
  RotateWebhookSecretDto,
  RotatedWebhookSchema,
  SiteEventPageSchema,
  UpdateWebhookDto,
  WebhookDeliverySchema,
  WebhookSchema,
} from './webhook.dto';

/** Who manages a site's webhooks and reads its feed. */
const RULE = { site: 'siteId', roles: ['admin', 'integration'] } as const;
const may = (actor: Actor, siteId: string) => mayAct(actor, siteId, { ...RULE, roles: [...RULE.roles] });

/**
 * Webhook endpoints belong to one site (`siteId` in the body on create): the
 * caller needs the admin or integration role there, and only that site's
 * events are sent. A new endpoint starts at the site's current seq: it gets
 * what happens from now on (the event feed has the history).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateWebhookDto, actor: Actor): Promise<CreatedWebhookSchema> {
    const [site] = await this.dataSource.query('SELECT id FROM site WHERE id = $1', [dto.siteId]);
    if (!site) throw notFound('site_not_found', 'No site with that id.');
    if (!may(actor, dto.siteId)) throw forbidden('forbidden', 'You need the admin or integration role at that site.');
    const url = await this.checkedUrl(dto.url);
    const events = checkedEvents(dto.events);
    const secret = newWebhookSecret();
    const [row]: WebhookEndpoint[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoint (site_id, url, events, description, secret, cursor_seq)
       VALUES ($1, $2, $3, $4, $5, coalesce((SELECT max(seq) FROM ticket_event WHERE site_id = $1), 0))
       RETURNING ${COLUMNS}`,
      [dto.siteId, url, events, dto.description ?? null, secret],
    );
    return { ...view(row), secret };
  }

  async list(actor: Actor, siteId?: string): Promise<WebhookSchema[]> {
    if (siteId !== undefined && !isUuid(siteId)) throw invalid('invalid_id', 'siteId must be a UUID.');
    const rows: WebhookEndpoint[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_endpoint WHERE ($1::uuid IS NULL OR site_id = $1) ORDER BY created_at, id`,
      [siteId ?? null],
    );
    return rows.filter((r) => may(actor, r.siteId)).map(view);
  }

  async get(id: string, actor: Actor): Promise<WebhookSchema> {
    return view(await this.load(id, actor));
  }

  async update(id: string, dto: UpdateWebhookDto, actor: Actor): Promise<WebhookSchema> {
    await this.load(id, actor);
    const url = dto.url === undefined ? null : await this.checkedUrl(dto.url);
    const events = dto.events === undefined ? null : checkedEvents(dto.events);
    const [[row]]: [WebhookEndpoint[], number] = await this.dataSource.query(
      `UPDATE webhook_endpoint SET
         url = coalesce($2, url), events = coalesce($3, events),
         description = CASE WHEN $4 THEN $5 ELSE description END,
         enabled = coalesce($6, enabled),
         disabled_reason = CASE WHEN $6 IS NULL THEN disabled_reason WHEN $6 THEN NULL ELSE 'by-staff' END,
         updated_at = $7
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, url, events, dto.description !== undefined, dto.description ?? null, dto.enabled ?? null, this.clock.now()],
    );
    if (!row) throw notFound('webhook_not_found', 'No webhook with that id.');
    return view(row);
  }

  /**
   * A new secret, answered once; the one before keeps signing beside it for `overlapHours` (default 24; 0: not at
   * all), so the receiving system can change over without refusing a delivery. Two rotations at once: the later
   * one's secret is current, the earlier one's the previous (the UPDATE locks the row).
   */
  async rotateSecret(id: string, dto: RotateWebhookSecretDto, actor: Actor): Promise<RotatedWebhookSchema> {
    await this.load(id, actor);
    const secret = newWebhookSecret();
    const now = this.clock.now();
    const hours = dto.overlapHours ?? 24;
    const until = hours > 0 ? new Date(now.getTime() + hours * 3_600_000) : null;
    const [[row]]: [WebhookEndpoint[], number] = await this.dataSource.query(
      `UPDATE webhook_endpoint SET previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
         previous_secret_until = $3, secret = $2, updated_at = $4
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, secret, until, now],
    );
    if (!row) throw notFound('webhook_not_found', 'No webhook with that id.');
    return { ...view(row), secret, previousSecretValidUntil: until?.toISOString() ?? null };
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.load(id, actor);
    await this.dataSource.query('DELETE FROM webhook_endpoint WHERE id = $1', [id]);
  }

  async deliveries(id: string, actor: Actor, limitRaw?: string): Promise<WebhookDeliverySchema[]> {
    await this.load(id, actor);
    const limit = intParam('limit', limitRaw, 50, 1, 500);
    const rows: WebhookDelivery[] = await this.dataSource.getRepository(WebhookDelivery).find({ where: { endpointId: id }, order: { seq: 'DESC' }, take: limit });
    return rows.map(deliveryView);
  }

  /** Makes a delivery due again now, with the whole retry schedule ahead of it and the same webhook-id. */
  async replay(id: string, deliveryId: string, actor: Actor): Promise<WebhookDeliverySchema> {
    const endpoint = await this.load(id, actor);
    if (!endpoint.enabled) throw conflict('webhook_disabled', 'The webhook is disabled; enable it first (PATCH enabled: true).');
    const [[row]]: [WebhookDelivery[], number] = await this.dataSource.query(
      `UPDATE webhook_delivery SET state = 'pending', attempts = 0, next_attempt_at = $3, claimed_until = NULL
       WHERE id = $1 AND endpoint_id = $2 AND state <> 'sending'
       RETURNING id, seq, type, state, attempts, next_attempt_at AS "nextAttemptAt", last_status AS "lastStatus", last_error AS "lastError",
                 last_attempt_at AS "lastAttemptAt", delivered_at AS "deliveredAt", created_at AS "createdAt"`,
      [deliveryId, id, this.clock.now()],
    );
    if (row) return deliveryView(row);
    const [exists] = await this.dataSource.query('SELECT state FROM webhook_delivery WHERE id = $1 AND endpoint_id = $2', [deliveryId, id]);
    if (!exists) throw notFound('delivery_not_found', 'No delivery with that id at this webhook.');
    throw conflict('delivery_in_flight', 'The delivery is being sent right now; try again when it has an outcome.');
  }

  /** The feed: the site's events after `after`, in seq order, as webhooks carry them. */
  async feed(siteId: string, afterRaw?: string, limitRaw?: string): Promise<SiteEventPageSchema> {
    const after = intParam('after', afterRaw, 0, 0, 2_147_483_647);
    const limit = intParam('limit', limitRaw, 100, 1, 1000);
    const rows: LoggedEvent[] = await this.dataSource.query(
      `SELECT site_id AS "siteId", seq, type, at, ticket_id AS "ticketId", counter_id AS "counterId", payload
       FROM ticket_event WHERE site_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [siteId, after, limit],
    );
    return { events: rows.map(webhookMessage), last: rows.length ? rows[rows.length - 1].seq : after };
  }

  private async load(id: string, actor: Actor): Promise<WebhookEndpoint> {
    const [row]: WebhookEndpoint[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_endpoint WHERE id = $1`, [id]);
    if (!row) throw notFound('webhook_not_found', 'No webhook with that id.');
    if (!may(actor, row.siteId)) throw forbidden('forbidden', 'You need the admin or integration role at the webhook’s site.');
    return row;
  }

  private async checkedUrl(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    await checkWebhookAddress(url, this.config.webhooks.allowPrivate);
    return url.href;
  }
}

const COLUMNS = `id, site_id AS "siteId", url, events, description, enabled, disabled_reason AS "disabledReason", cursor_seq AS "cursorSeq", created_at AS "createdAt"`;

function checkedEvents(events: string[]): string[] {
  const unknown = events.find((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
  if (!events.length || unknown !== undefined) {
    throw invalid('webhook_events_invalid', unknown !== undefined ? `Unknown event type "${unknown.slice(0, 50)}".` : 'Name at least one event type.', unknown !== undefined ? { event: unknown.slice(0, 50) } : undefined);
  }
  return [...new Set(events)];
}

/** A whole number in [min, max] from a query string, or 400 invalid_value naming it. */
function intParam(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid('invalid_value', `${name} must be a whole number ${min}…${max}.`, { field: name });
  return n;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(r: WebhookEndpoint): WebhookSchema {
  return { id: r.id, siteId: r.siteId, url: r.url, events: r.events, description: r.description, enabled: r.enabled, disabledReason: r.disabledReason, cursorSeq: r.cursorSeq, createdAt: iso(r.createdAt)! };
}

function deliveryView(d: WebhookDelivery): WebhookDeliverySchema {
  return {
    id: d.id,
    seq: d.seq,
    type: d.type,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? iso(d.nextAttemptAt) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: iso(d.createdAt)!,
  };
}
