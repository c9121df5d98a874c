/** Every change at a site is one of these; each gets the next `seq` of its site. */
export const EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.transferred',
  'ticket.finished',
  'ticket.no-show',
  'ticket.cancelled',
  'ticket.expired',
  'ticket.updated',
  'counter.changed',
  'queue.changed',
  'alert.wait-target',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
