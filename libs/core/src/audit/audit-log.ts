import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { containsCprNumber } from '@skranke/domain';
import { AuditEntry } from '@skranke/persistence';
import type { Actor } from '../actor';
import { Clock } from '../clock';
import { markRequestTraced } from './request-trail';

/** Someone not logged in, known only by the client address (e.g. guessing passwords). */
export interface AnonymousActor {
  kind: 'anonymous';
  address: string;
}

export interface AuditRecord {
  /** Dotted, `<area>.<verb>`: `login.locked`, `login.unlocked`, `user.deactivated`, … */
  action: string;
  actor: Actor | AnonymousActor;
  subject?: { type: string; id: string | null };
  siteId?: string | null;
  details?: Record<string, unknown>;
}

const SECRET_KEY = /password|token|secret/i;

/** Keys that could carry a secret are dropped and CPR-shaped text is blanked: the trail must never hold either. */
function scrub(value: unknown): unknown {
  if (typeof value === 'string') return containsCprNumber(value) ? '[cpr removed]' : value;
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SECRET_KEY.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

function actorColumns(actor: Actor | AnonymousActor): Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorLabel'> {
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'user', actorId: actor.userId, actorLabel: actor.username };
    case 'device':
      return { actorKind: 'device', actorId: actor.deviceId, actorLabel: actor.deviceKind };
    case 'system':
      return { actorKind: 'system', actorId: null, actorLabel: actor.reason };
    case 'citizen':
      return { actorKind: 'citizen', actorId: null, actorLabel: null };
    case 'anonymous':
      return { actorKind: 'anonymous', actorId: null, actorLabel: actor.address };
  }
}

/**
 * Writes the audit trail (`audit_entry`). Pass the transaction's manager when
 * the act is part of one, so the entry commits (or not) with it.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    markRequestTraced();
    await manager.getRepository(AuditEntry).save({
      at: this.clock.now(),
      ...actorColumns(entry.actor),
      action: entry.action,
      subjectType: entry.subject?.type ?? null,
      subjectId: entry.subject?.id ?? null,
      siteId: entry.siteId ?? null,
      details: scrub(entry.details ?? {}) as Record<string, unknown>,
    });
  }
}
