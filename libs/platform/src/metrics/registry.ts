import { Registry, collectDefaultMetrics } from 'prom-client';

/** Injection token for the app's Prometheus registry. */
export const METRICS = Symbol('METRICS');

/** One registry per app, not prom-client's global one: tests and the demo run several apps in one process. */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `p`'s value, or undefined when it fails or takes longer than `ms`: a scrape must not hang on an outage. */
export async function within<T>(p: Promise<T>, ms = 1000): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
