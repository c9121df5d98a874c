/**
 * BullMQ queue and job names. NEVER RENAME one: jobs already waiting in Redis
 * under the old name would never run. Add new names instead.
 */
export enum QueueName {
  WaitTarget = 'wait-target',
  Housekeeping = 'housekeeping',
  Print = 'print',
  /** The notification outbox's dispatcher (issue 20). */
  Notifications = 'notifications',
  /** Webhook deliveries to other systems (issue 22). */
  Webhooks = 'webhooks',
}

export enum JobName {
  WaitWarning = 'wait-warning',
  WaitBreach = 'wait-breach',
  DayClose = 'day-close',
  Retention = 'retention',
  PrintTicket = 'print-ticket',
  /** The warnings of several tickets of one service issued together (a batch of kiosk tickets). */
  WaitWarnings = 'wait-warnings',
  /** The receipt of a time booked at a kiosk (its "next free time"). */
  PrintBooking = 'print-booking',
  /** Booked times past their check-in window become no-shows (every minute). */
  AppointmentNoShows = 'appointment-no-shows',
  /** Each service's measured booking length (nightly). */
  AppointmentLengths = 'appointment-lengths',
  /** A pass of the notification dispatcher over the outbox's due rows. */
  NotificationDispatch = 'notification-dispatch',
  /** A pass of the webhook dispatcher: new events into deliveries, due deliveries sent. */
  WebhookDispatch = 'webhook-dispatch',
  /** The same pass, asked for right after a change at a site with webhooks (WebhookWakeSink). */
  WebhookWake = 'webhook-wake',
  /** Each service's wait-range calibration from its recent real waits (nightly, issue 23). */
  EstimateCalibration = 'estimate-calibration',
  /** A pass over the scheduled reports that are due (every minute, issue 21). */
  ScheduledReports = 'scheduled-reports',
  /** Single sign-on users checked against today's role mapping and their last sign-in (nightly, issue 22). */
  SsoReconciliation = 'sso-reconciliation',
}

/**
 * Deterministic ids: scheduling the same timer twice is a no-op. BullMQ refuses
 * a custom id containing ":" (it is its own key separator), so use "_".
 */
export const jobIds = {
  waitTimer: (ticketId: string, serviceId: string, transfer: number, kind: 'warning' | 'breach') =>
    `ticket_${ticketId}_${serviceId}_${transfer}_wait-${kind}`,
  /** Named after the group's first ticket, which has no warning of its own. */
  waitWarnings: (firstTicketId: string, serviceId: string) => `tickets_${firstTicketId}_${serviceId}_wait-warnings`,
};
