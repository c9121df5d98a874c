import { conflict, ruleBroken } from '../errors';
import { TicketStatus } from './ticket-status';

export type TicketAction =
  | 'call'
  | 'recall'
  | 'start'
  | 'no-show'
  | 'cancel'
  | 'transfer'
  | 'finish'
  | 'expire'
  | 'requeue';

/** Which statuses each action may start from, and where it leads. */
const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'in-service' },
  'no-show': { from: ['called'], to: 'no-show' },
  cancel: { from: ['waiting', 'called'], to: 'cancelled' },
  transfer: { from: ['waiting', 'called', 'in-service'], to: 'waiting' },
  // Staff often help at once without pressing "start": finishing a called ticket is allowed.
  finish: { from: ['called', 'in-service'], to: 'finished' },
  expire: { from: ['waiting'], to: 'expired' },
  // A counter closing with a called citizen who never came puts the ticket back.
  requeue: { from: ['called'], to: 'waiting' },
};

export const TICKET_ACTIONS = Object.keys(TRANSITIONS) as TicketAction[];

export function canApply(status: TicketStatus, action: TicketAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or a 409 domain error naming what was refused. */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus {
  if (!canApply(status, action)) {
    throw conflict('illegal_transition', `A ticket that is ${status} cannot be given "${action}".`);
  }
  return TRANSITIONS[action].to;
}

export interface NoShowRule {
  /** A no-show is allowed once the citizen has been recalled at least this often… */
  minRecalls: number;
  /** …or once this many seconds have passed since the first call. */
  afterSeconds: number;
}

export const DEFAULT_NO_SHOW_RULE: NoShowRule = { minRecalls: 1, afterSeconds: 120 };

/** Staff may not mark a no-show the instant they call: the citizen needs a fair chance to walk over. */
export function assertNoShowAllowed(
  ticket: { recallCount: number; calledAt: Date | null },
  now: Date,
  rule: NoShowRule = DEFAULT_NO_SHOW_RULE,
): void {
  const waited = ticket.calledAt ? (now.getTime() - ticket.calledAt.getTime()) / 1000 : 0;
  if (ticket.recallCount >= rule.minRecalls || waited >= rule.afterSeconds) return;
  throw ruleBroken(
    'no_show_too_early',
    `Recall the citizen at least ${rule.minRecalls} time(s) or wait ${rule.afterSeconds} s before marking a no-show.`,
  );
}
