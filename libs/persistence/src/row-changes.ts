import { Client } from 'pg';

/** Tables whose rows the apps keep in memory (who a token is, a site's settings, a service, ended tokens). */
export type WatchedTable = 'site' | 'service' | 'device' | 'staff_user' | 'staff_role' | 'staff_municipality_role' | 'ended_token';
/** The NOTIFY channel the `notify_row_change` triggers use (migration RowChangeNotices). */
export const ROW_CHANGES_CHANNEL = 'skranke_row_changes';

type Listener = (table: WatchedTable) => void;
const ALL: WatchedTable[] = ['site', 'service', 'device', 'staff_user', 'staff_role', 'staff_municipality_role', 'ended_token'];
const RETRY_MS = 1000;

/**
 * Tells in-memory caches that rows of a watched table changed: at once for a
 * change made in this process (`changed`, called by the writer after commit),
 * and through PostgreSQL LISTEN/NOTIFY for changes made anywhere else (another
 * instance, psql, the demo). One listening connection per database per
 * process, shared by the apps in it. While a listener is not connected `live`
 * is false, and caches must then read through: a revoked token never stays valid
 * because a notice was missed.
 */
class RowChanges {
  private readonly listeners = new Set<Listener>();
  private readonly connections = new Map<string, { users: number; client: Client | null; retry?: NodeJS.Timeout; up: boolean }>();

  get live(): boolean {
    return this.connections.size > 0 && [...this.connections.values()].every((c) => c.up);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(table: WatchedTable): void {
    for (const fn of this.listeners) fn(table);
  }

  /** Starts (or shares) the listening connection for this database; resolves once it listens or has failed once. */
  async start(databaseUrl: string): Promise<void> {
    const c = this.connections.get(databaseUrl);
    if (c) {
      c.users++;
      return;
    }
    this.connections.set(databaseUrl, { users: 1, client: null, up: false });
    await this.connect(databaseUrl);
  }

  async stop(databaseUrl: string): Promise<void> {
    const c = this.connections.get(databaseUrl);
    if (!c || --c.users > 0) return;
    this.connections.delete(databaseUrl);
    clearTimeout(c.retry);
    await c.client?.end().catch(() => undefined);
  }

  private async connect(url: string): Promise<void> {
    const entry = this.connections.get(url);
    if (!entry) return;
    const client = new Client({ connectionString: url, application_name: 'skranke-row-changes' });
    const lost = () => {
      if (entry.client !== client) return;
      entry.up = false;
      entry.client = null;
      for (const t of ALL) this.changed(t);
      if (this.connections.get(url) === entry) entry.retry = setTimeout(() => void this.connect(url), RETRY_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (ALL.includes(n.payload as WatchedTable)) this.changed(n.payload as WatchedTable);
    });
    entry.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${ROW_CHANGES_CHANNEL}`);
      if (entry.client !== client || this.connections.get(url) !== entry) {
        await client.end().catch(() => undefined);
        return;
      }
      // Anything cached while we were not listening may be stale.
      for (const t of ALL) this.changed(t);
      entry.up = true;
    } catch {
      lost();
      await client.end().catch(() => undefined);
    }
  }
}

/** The process's one instance (caches of several apps in one process share it). */
export const rowChanges = new RowChanges();

/**
 * A small in-memory cache that forgets its entries when `rowChanges` reports a
 * change to one of `tables`, and serves nothing while notices cannot arrive.
 * `ttlMs` bounds how long an entry lives even so.
 */
export class WatchedCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  /** Bumped on every clear, so a load that overlapped a change is not cached. */
  private generation = 0;

  constructor(
    tables: WatchedTable[],
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {
    rowChanges.subscribe((t) => {
      if (!tables.includes(t)) return;
      this.entries.clear();
      this.generation++;
    });
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!rowChanges.live) return load();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && rowChanges.live) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, { at: Date.now(), value });
    }
    return value;
  }
}
