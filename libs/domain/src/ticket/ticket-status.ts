export const TICKET_STATUSES = ['waiting', 'called', 'in-service', 'finished', 'no-show', 'cancelled', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses in which a ticket holds a counter seat. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['called', 'in-service'];
/** Statuses after which nothing more happens to a ticket. */
export const ENDED_STATUSES: readonly TicketStatus[] = ['finished', 'no-show', 'cancelled', 'expired'];

export const isEnded = (status: TicketStatus) => ENDED_STATUSES.includes(status);

export const OUTCOMES = ['resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The four modes of help from seed 000. */
export const HELP_MODES = ['advice', 'motivation', 'problem-solving', 'instruction'] as const;
export type HelpMode = (typeof HELP_MODES)[number];

export const CHANNELS = ['kiosk', 'floor', 'appointment', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PLACEMENTS = ['front', 'back', 'by-arrival'] as const;
export type Placement = (typeof PLACEMENTS)[number];
