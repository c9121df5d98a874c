import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Actor } from '@skranke/core';
import { DomainError, forbidden, hasRole, invalid, isUuid, notFound } from '@skranke/domain';
import { ACCESS_KEY, AccessRule, PUBLIC_KEY } from './access.decorator';
import { TokenResolver } from './token-resolver.service';

const LOOKUP: Record<'counterId' | 'ticketId', string> = {
  counterId: 'SELECT site_id FROM counter WHERE id = $1',
  ticketId: 'SELECT site_id FROM ticket WHERE id = $1',
};

/** A counter's or ticket's site never changes and sites are not deleted, so the lookup is remembered (bounded). */
const siteOfCache = new Map<string, string>();
const SITE_CACHE_MAX = 50_000;

/** Tells the guard a counter's or ticket's site it just learnt otherwise (a called ticket's), saving the lookup on its next action. */
export function rememberSiteOf(from: keyof typeof LOOKUP | 'siteId', id: string, siteId: string): void {
  if (siteOfCache.size >= SITE_CACHE_MAX) siteOfCache.clear();
  siteOfCache.set(`${from}:${id}`, siteId);
}

/** Global guard: every route is closed unless marked @Public or given an @Access rule that the caller meets. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenResolver,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, targets);
    const req = context.switchToHttp().getRequest();
    const actor = await this.tokens.resolve(bearer(req.headers?.authorization));
    if (!actor) throw new DomainError('unauthenticated', 'unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".');
    if (!rule) throw forbidden('forbidden', 'This route is not open to anyone.');
    req.actor = actor;
    if (rule.site === 'none') return this.allowWithoutSite(actor, rule);
    const siteId = await this.siteOf(rule.site, req.params?.[rule.site]);
    if (!mayAct(actor, siteId, rule)) throw forbidden('forbidden', 'Your role does not allow this at this site.');
    req.siteId = siteId;
    return true;
  }

  private allowWithoutSite(actor: Actor, rule: AccessRule): boolean {
    if (actor.kind !== 'user') throw forbidden('forbidden', 'Your role does not allow this.');
    // A municipality administrator is an admin (which implies every role) even before its municipality has a site.
    const municipal = actor.municipalities.length > 0;
    if (actor.superAdmin || (rule.municipalityAdmin ? municipal : (municipal && !!rule.roles?.length) || actor.grants.some((g) => mayAct(actor, g.siteId, rule)))) return true;
    throw forbidden('forbidden', 'Your role does not allow this.');
  }

  private async siteOf(from: Exclude<AccessRule['site'], 'none'>, id: unknown): Promise<string> {
    if (!isUuid(id)) throw invalid('invalid_id', `${from} must be a UUID.`);
    const key = `${from}:${id}`;
    const cached = siteOfCache.get(key);
    if (cached) return cached;
    if (from === 'siteId') {
      const [site] = await this.dataSource.query('SELECT id FROM site WHERE id = $1', [id]);
      if (!site) throw notFound('site_not_found', 'No site with that id.');
      rememberSiteOf(from, id, id);
      return id;
    }
    const [row] = await this.dataSource.query(LOOKUP[from], [id]);
    if (row) rememberSiteOf(from, id, row.site_id);
    if (!row) throw notFound(from === 'counterId' ? 'counter_not_found' : 'ticket_not_found', `No ${from.replace('Id', '')} with that id.`);
    return row.site_id;
  }
}

export function mayAct(actor: Actor, siteId: string, rule: AccessRule): boolean {
  if (actor.kind === 'user') return !!rule.roles && (actor.superAdmin || hasRole(actor.grants, siteId, rule.roles));
  if (actor.kind === 'device') return !!rule.devices?.includes(actor.deviceKind) && actor.siteId === siteId;
  return false;
}

export function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? m[1] : null;
}
