import { AuditEntry } from './audit-entry.entity';
import { Counter } from './counter.entity';
import { Device } from './device.entity';
import { EstimateCalibration } from './estimate-calibration.entity';
import { EstimateCalibrationBand } from './estimate-calibration-band.entity';
import { Service } from './service.entity';
import { Site } from './site.entity';
import { SurveyAnswer } from './survey-answer.entity';
import { EndedToken, StaffMunicipalityRole, StaffRole, StaffUser } from './staff-user.entity';
import {
  Appointment,
  AppointmentDay,
  CounterPlanRow,
  DayClose,
  Encounter,
  IdempotencyKey,
  NumberSequence,
  SiteEventSeq,
  WaitAlert,
} from './support.entities';
import { TicketEvent } from './ticket-event.entity';
import { Ticket } from './ticket.entity';
import { Notification } from './notification.entity';
import { StatDayDone, StatServiceDay } from './statistics.entities';
import { ReportSubscription } from './report-subscription.entity';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity';
import { SsoIdentity, SsoRoleMapping, SsoSession } from './sso.entities';

export * from './site-settings';
export * from './notification.entity';
export * from './webhook.entity';
export * from './report-subscription.entity';
export {
  Appointment,
  AppointmentDay,
  AuditEntry,
  CounterPlanRow,
  Counter,
  DayClose,
  Device,
  EndedToken,
  Encounter,
  IdempotencyKey,
  NumberSequence,
  Service,
  Site,
  SiteEventSeq,
  StaffMunicipalityRole,
  StaffRole,
  StaffUser,
  StatDayDone,
  StatServiceDay,
  SurveyAnswer,
  Ticket,
  TicketEvent,
  WaitAlert,
  SsoIdentity,
  SsoRoleMapping,
  SsoSession,
  EstimateCalibration,
  EstimateCalibrationBand,
};

// One per line, new ones at the end: parallel work then merges without conflicts.
export const ENTITIES = [
  Site,
  Service,
  Counter,
  StaffUser,
  StaffRole,
  StaffMunicipalityRole,
  EndedToken,
  Device,
  Ticket,
  TicketEvent,
  NumberSequence,
  SiteEventSeq,
  IdempotencyKey,
  Encounter,
  Appointment,
  AppointmentDay,
  CounterPlanRow,
  WaitAlert,
  DayClose,
  SurveyAnswer,
  AuditEntry,
  Notification,
  StatServiceDay,
  StatDayDone,
  WebhookEndpoint,
  WebhookDelivery,
  SsoIdentity,
  SsoRoleMapping,
  SsoSession,
  EstimateCalibration,
  ReportSubscription,
  EstimateCalibrationBand,
];
