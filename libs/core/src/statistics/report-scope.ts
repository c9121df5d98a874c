import type { DataSource } from 'typeorm';
import { forbidden, hasRole, notFound } from '@skranke/domain';
import type { Actor } from '../actor';
import type { ReportSite } from './report-definition';

/**
 * The sites a caller may read statistics of, among those asked for (all they may read when none are named): the
 * installation's administrator every site; anyone else the sites where a grant implies `reports` (a supervisor, a
 * site or municipality administrator, a reports reader). One site asked for and not readable refuses the whole
 * request, in every format, so a filter never quietly drops a site.
 */
export async function readableSites(ds: DataSource, actor: Actor, asked: string[]): Promise<ReportSite[]> {
  if (actor.kind !== 'user') throw forbidden('forbidden', 'Statistics are for staff.');
  const all = !asked.length;
  const ids = actor.superAdmin ? asked : [...new Set(actor.grants.filter((g) => hasRole([g], g.siteId, ['reports'])).map((g) => g.siteId))];
  if (!actor.superAdmin) {
    const refused = asked.filter((id) => !ids.includes(id));
    if (refused.length)
      throw forbidden('report_site_forbidden', 'You may not read the statistics of one of these sites.', { siteId: refused[0] });
  }
  const wanted = all ? ids : asked;
  const sites: ReportSite[] = await ds.query(
    actor.superAdmin && all
      ? 'SELECT id, name, timezone FROM site ORDER BY name, id'
      : 'SELECT id, name, timezone FROM site WHERE id = ANY($1) ORDER BY name, id',
    actor.superAdmin && all ? [] : [wanted],
  );
  if (!all && sites.length < asked.length) throw notFound('site_not_found', 'No such site.');
  if (!sites.length) throw forbidden('report_site_forbidden', 'You may not read the statistics of any site.');
  return sites;
}
