/**
 * BullMQ queue and job names. NEVER RENAME one: jobs already waiting in Redis
 * under the old name would never run. Add new names instead.
 */
export enum QueueName {
  WaitTarget = 'wait-target',
  Housekeeping = 'housekeeping',
  Print = 'print',
}

export enum JobName {
  WaitWarning = 'wait-warning',
  WaitBreach = 'wait-breach',
  DayClose = 'day-close',
  Retention = 'retention',
  PrintTicket = 'print-ticket',
}

/** Deterministic ids: scheduling the same timer twice is a no-op. */
export const jobIds = {
  waitTimer: (ticketId: string, serviceId: string, transfer: number, kind: 'warning' | 'breach') =>
    `ticket:${ticketId}:${serviceId}:${transfer}:wait-${kind}`,
};
