import { Initial1795454732417 } from './1795454732417-initial.migration';
import { SurveyAnswers1795457382347 } from './1795457382347-survey-answers.migration';
import { AppendSiteEvents1795540000000 } from './1795540000000-append-site-events.migration';
import { RowChangeNotices1795540100000 } from './1795540100000-row-change-notices.migration';
import { WaitingAheadIndex1795540200000 } from './1795540200000-waiting-ahead-index.migration';
import { ServiceRowChange1795540300000 } from './1795540300000-service-row-change.migration';
import { SiteEventSeq1795540400000 } from './1795540400000-site-event-seq.migration';
import { AuditLog1795540500000 } from './1795540500000-audit-log.migration';
import { MunicipalityAdmin1795540600000 } from './1795540600000-municipality-admin.migration';
import { EndedTokens1795540700000 } from './1795540700000-ended-tokens.migration';
import { PrintPendingIndex1795540800000 } from './1795540800000-print-pending-index.migration';
import { TicketChangeFunctions1795541000000 } from './1795541000000-ticket-change-functions.migration';
import { IssueTicketsFunction1795541010000 } from './1795541010000-issue-tickets-function.migration';
import { CounterHold1795541100000 } from './1795541100000-counter-hold.migration';
import { CounterHoldGuard1795541110000 } from './1795541110000-counter-hold-guard.migration';
import { LabelledLists1795541400000 } from './1795541400000-labelled-lists.migration';
import { DeviceSeen1795541500000 } from './1795541500000-device-seen.migration';
import { AppointmentBooking1795542000000 } from './1795542000000-appointment-booking.migration';
import { NotificationOutbox1795543000000 } from './1795543000000-notification-outbox.migration';
import { TurnNearPending1795543200000 } from './1795543200000-turn-near-pending.migration';
import { MovedTimeRebookDelay1795542200000 } from './1795542200000-moved-time-rebook-delay.migration';
import { AppointmentLifecycle1795542300000 } from './1795542300000-appointment-lifecycle.migration';
import { SystemRoles1795543900000 } from './1795543900000-system-roles.migration';
import { Statistics1795544000000 } from './1795544000000-statistics.migration';
import { ReportSubscriptions1795544800000 } from './1795544800000-report-subscriptions.migration';
import { Webhooks1795545000000 } from './1795545000000-webhooks.migration';
import { WebhookDeliveryAge1795545100000 } from './1795545100000-webhook-delivery-age.migration';
import { SingleSignOn1795545500000 } from './1795545500000-single-sign-on.migration';
import { SmsDailyAllowance1795543400000 } from './1795543400000-sms-daily-allowance.migration';
import { CounterPausedUntil1795547000000 } from './1795547000000-counter-paused-until.migration';
import { EstimateSeconds1795547500000 } from './1795547500000-estimate-seconds.migration';
import { SurveyWaitBand1795544400000 } from './1795544400000-survey-wait-band.migration';
import { EstimateCalibrationBands1795548100000 } from './1795548100000-estimate-calibration-bands.migration';
import { WebhookSecretRotation1795548200000 } from './1795548200000-webhook-secret-rotation.migration';

/** In order of application (one per line, new ones at the end). Never edit a migration that has shipped; add a new one. */
export const MIGRATIONS: Function[] = [
  Initial1795454732417,
  SurveyAnswers1795457382347,
  AppendSiteEvents1795540000000,
  RowChangeNotices1795540100000,
  WaitingAheadIndex1795540200000,
  ServiceRowChange1795540300000,
  SiteEventSeq1795540400000,
  AuditLog1795540500000,
  MunicipalityAdmin1795540600000,
  EndedTokens1795540700000,
  PrintPendingIndex1795540800000,
  TicketChangeFunctions1795541000000,
  IssueTicketsFunction1795541010000,
  CounterHold1795541100000,
  CounterHoldGuard1795541110000,
  LabelledLists1795541400000,
  DeviceSeen1795541500000,
  AppointmentBooking1795542000000,
  MovedTimeRebookDelay1795542200000,
  AppointmentLifecycle1795542300000,
  NotificationOutbox1795543000000,
  TurnNearPending1795543200000,
  SystemRoles1795543900000,
  Statistics1795544000000,
  Webhooks1795545000000,
  SingleSignOn1795545500000,
  SmsDailyAllowance1795543400000,
  CounterPausedUntil1795547000000,
  EstimateSeconds1795547500000,
  WebhookDeliveryAge1795545100000,
  ReportSubscriptions1795544800000,
  SurveyWaitBand1795544400000,
  EstimateCalibrationBands1795548100000,
  WebhookSecretRotation1795548200000,
];
