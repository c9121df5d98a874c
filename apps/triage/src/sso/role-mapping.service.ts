import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SsoReconciliation } from '@skranke/auth';
import { Actor, AuditLog } from '@skranke/core';
import { forbidden, hasRole, notFound } from '@skranke/domain';
import type { RoleMappingEntryDto } from './role-mapping.dto';

type Entry = RoleMappingEntryDto;

const administers = (actor: Actor) => (siteId: string) => actor.kind === 'user' && (actor.superAdmin || hasRole(actor.grants, siteId, ['admin']));
const key = (e: Entry) => `${e.claim}\n${e.siteId}\n${e.role}`;

/**
 * The administrator's mapping from the identity provider's role claims to
 * Skranke's site roles. Each admin sees and replaces the entries at the sites
 * they administer; the rest of the mapping is not theirs to change.
 */
@Injectable()
export class RoleMappingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly reconciliation: SsoReconciliation,
  ) {}

  async get(actor: Actor): Promise<{ entries: Entry[] }> {
    const rows: Entry[] = await this.dataSource.query('SELECT claim, site_id AS "siteId", role FROM sso_role_mapping ORDER BY claim, site_id, role');
    return { entries: rows.filter((e) => administers(actor)(e.siteId)) };
  }

  async put(entries: Entry[], actor: Actor): Promise<{ entries: Entry[] }> {
    const mine = administers(actor);
    if (entries.some((e) => !mine(e.siteId))) throw forbidden('forbidden', 'You can only map roles at sites you administer.');
    const wanted = [...new Map(entries.map((e) => [key(e), { claim: e.claim, siteId: e.siteId, role: e.role }])).values()];
    const changed = await this.dataSource.transaction(async (tx) => {
      // One change to the mapping at a time: two admins saving at once leave one whole mapping, never a mix.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('sso_role_mapping', 0))`);
      const before: Entry[] = (await tx.query('SELECT claim, site_id AS "siteId", role FROM sso_role_mapping')).filter((e: Entry) => mine(e.siteId));
      const siteIds = [...new Set(wanted.map((e) => e.siteId))];
      const [{ known }] = await tx.query('SELECT count(*)::int AS known FROM site WHERE id = ANY($1)', [siteIds]);
      if (known !== siteIds.length) throw notFound('site_not_found', 'No site with that id.');
      const removed = before.filter((e) => !wanted.some((w) => key(w) === key(e)));
      const added = wanted.filter((w) => !before.some((e) => key(e) === key(w)));
      for (const e of removed) await tx.query('DELETE FROM sso_role_mapping WHERE claim = $1 AND site_id = $2 AND role = $3', [e.claim, e.siteId, e.role]);
      for (const e of added) await tx.query('INSERT INTO sso_role_mapping (claim, site_id, role) VALUES ($1, $2, $3)', [e.claim, e.siteId, e.role]);
      if (removed.length || added.length) {
        await this.audit.record({ action: 'sso.role-mapping-changed', actor, subject: { type: 'role-mapping', id: null }, details: { added, removed } }, tx);
      }
      return removed.length + added.length > 0;
    });
    // Single sign-on users get the new roles now (from the claims of their last sign-in); no role left deactivates.
    if (changed) await this.reconciliation.remap();
    return this.get(actor);
  }
}
