import { EntityManager } from 'typeorm';
import { Service, Site, WatchedCache } from '@skranke/persistence';

/**
 * Services and sites by id, which every ticket reads and only an admin
 * changes: kept in memory until a row-change notice (or a minute) says
 * otherwise. Load on the caller's connection: inside a transaction, a second
 * connection taken while the first is held could wait forever on a full pool.
 */
const services = new WatchedCache<Service | null>(['service'], 60_000);
const sites = new WatchedCache<Site | null>(['site'], 60_000);

export const cachedService = (db: EntityManager, id: string): Promise<Service | null> =>
  services.get(id, () => db.getRepository(Service).findOneBy({ id }));

export const cachedSite = (db: EntityManager, id: string): Promise<Site | null> => sites.get(id, () => db.getRepository(Site).findOneBy({ id }));

/** The service when it is active and belongs to `siteId`, else null (the caller says why in its own words). */
export async function activeService(db: EntityManager, siteId: string, id: string): Promise<Service | null> {
  const service = await cachedService(db, id);
  return service && service.siteId === siteId && service.active ? service : null;
}
