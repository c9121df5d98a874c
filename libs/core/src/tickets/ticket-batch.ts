import type { Site } from '@skranke/persistence';
import type { Actor } from '../actor';
import type { IssueTicketInput } from './new-ticket';

/** A walk-in ticket to issue, with its Idempotency-Key if it has one. */
export type IssueMember = { site: Site; input: IssueTicketInput; actor: Actor; now: Date; claim: { scope: string; key: string } | null };

/** One keyed walk-in request in a batch of kiosk tickets (see `SiteBatches`). */
export type BatchMember = IssueMember & { claim: { scope: string; key: string } };

/** For each member, whether an earlier member of the batch has its Idempotency-Key (a double tap). */
export function repeatedKeys(members: readonly BatchMember[]): boolean[] {
  const keys = members.map((m) => `${m.claim.scope}\n${m.claim.key}`);
  return keys.map((k, i) => keys.indexOf(k) < i);
}

/**
 * The batch in the order its numbers are locked, each with its index `i` in
 * the batch: by service (so two batches, which lock several services' numbers,
 * never wait on each other in a circle), each service's tickets by arrival.
 * Tickets of one service get distinct times, 1 ms apart where they came in the
 * same millisecond, so their call order and places follow their numbers.
 */
export function inLockOrder<M extends IssueMember>(members: readonly M[]): (M & { i: number })[] {
  const ordered = members
    .map((m, i) => ({ ...m, i }))
    .sort((a, b) => (a.input.serviceId < b.input.serviceId ? -1 : a.input.serviceId > b.input.serviceId ? 1 : a.now.getTime() - b.now.getTime() || a.i - b.i));
  ordered.forEach((m, k) => {
    const before = ordered[k - 1];
    if (before && before.input.serviceId === m.input.serviceId && m.now <= before.now) m.now = new Date(before.now.getTime() + 1);
  });
  return ordered;
}

/** A promise's outcome as a value, for answering each member on its own. */
export const settle = <T>(p: Promise<T>): Promise<PromiseSettledResult<T>> =>
  p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
