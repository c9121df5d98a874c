import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock } from '@skranke/core';
import { DomainError, notFound } from '@skranke/domain';

/**
 * Verifies a JWT signed with HS256 and a shared secret (GatewayAPI's
 * `X-Gwapi-Signature`) and returns its claims, or null: wrong algorithm,
 * malformed, or a signature that does not match.
 */
export function verifyHs256(token: string, secret: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'HS256') return null;
    const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/** GatewayAPI's final states: delivered (or accepted on the phone's behalf), or not. Transient ones (BUFFERED, ENROUTE…) change nothing. */
const DELIVERED = new Set(['DELIVERED', 'ACCEPTED']);
const FAILED = new Set(['UNDELIVERABLE', 'UNDELIVERED', 'EXPIRED', 'REJECTED', 'DELETED', 'SKIPPED']);

/**
 * Delivery status notifications from the SMS gateway, believed only when signed:
 * the claims of the verified token are what counts, not the body beside it.
 * A report moves a sent row to delivered or failed, once; later reports of the
 * same message change nothing.
 */
@Injectable()
export class SmsDeliveryReports {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
  ) {}

  async accept(signature: string | undefined): Promise<{ updated: number }> {
    const secret = this.config.notifications.sms?.webhookSecret;
    if (!secret) throw notFound('sms_reports_off', 'SMS delivery reports are not configured (SMS_WEBHOOK_SECRET).');
    const claims = signature ? verifyHs256(signature, secret) : null;
    if (!claims) throw new DomainError('unauthenticated', 'invalid_signature', 'The X-Gwapi-Signature header is missing or not signed with the shared secret.');
    const id = claims.id;
    const status = typeof claims.status === 'string' ? claims.status.toUpperCase() : '';
    if ((typeof id !== 'number' && typeof id !== 'string') || !status) throw new DomainError('invalid', 'invalid_report', 'A delivery report needs the message id and a status.');
    const userref = typeof claims.userref === 'string' ? claims.userref : null;
    const now = this.clock.now();
    let updated = 0;
    const match = `channel = 'sms' AND provider_ref = $1 AND state = 'sent' AND ($2::text IS NULL OR id::text = $2)`;
    if (DELIVERED.has(status)) {
      [, updated] = await this.dataSource.query(`UPDATE notification SET state = 'delivered', delivered_at = $3 WHERE ${match}`, [String(id), userref, now]);
    } else if (FAILED.has(status)) {
      const why = [`sms ${status.toLowerCase()}`, typeof claims.error === 'string' ? claims.error : null, typeof claims.code === 'string' ? `code ${claims.code}` : null].filter(Boolean).join(': ');
      [, updated] = await this.dataSource.query(`UPDATE notification SET state = 'failed', failed_at = $3, error = $4 WHERE ${match}`, [String(id), userref, now, why.slice(0, 300)]);
    }
    return { updated };
  }
}
