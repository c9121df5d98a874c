import type { DataSource } from 'typeorm';
import { businessDate } from '@skranke/domain';
import type { ReportSite } from './report-definition';

/**
 * Makes `stat_service_day` current for the sites' days in [from, to]: days not final yet (today, or a day whose
 * roll-up ran before it was over) are computed from `stat_ticket`, one call per site; final days are read as they are.
 */
export async function rollUpDays(ds: DataSource, sites: ReportSite[], from: string, to: string, now: Date): Promise<void> {
  for (const site of sites) {
    const today = businessDate(now, site.timezone);
    if (from > today) continue;
    const last = to < today ? to : today;
    await ds.query('SELECT skranke_stat_rollup($1, $2, $3, $4, $5)', [site.id, from, last, today, now]);
  }
}
