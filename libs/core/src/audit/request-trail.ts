import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whether the request being handled already left its trace: events in the site's event log (with their
 * actor) or an explicit audit entry. The audit interceptor records a staff request only when neither
 * did, so each act appears once, and no controller has to be marked by hand (nothing to forget).
 */
interface Trail {
  traced: boolean;
}

const trail = new AsyncLocalStorage<Trail>();

export function runWithRequestTrail<T>(fn: (trail: Readonly<Trail>) => T): T {
  const state: Trail = { traced: false };
  return trail.run(state, () => fn(state));
}

/** Called where events are published and where an audit entry is written. Outside a request it does nothing. */
export function markRequestTraced(): void {
  const state = trail.getStore();
  if (state) state.traced = true;
}
