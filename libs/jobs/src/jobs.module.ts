import { Module } from '@nestjs/common';
import { AppointmentLifecycleService } from './appointment-lifecycle.service';
import { DayCloseService } from './day-close.service';
import { EstimateCalibrationService } from './estimate-calibration.service';
import { JobWorkers } from './job-workers';
import { NotificationChannels, NotificationDispatcher, NotificationLog, NotificationRenderer, SmsDeliveryReports } from './notifications';
import { PrintTicketProcessor } from './print/print-ticket.processor';
import { QueueDepthMetrics } from './queue-depth.metrics';
import { RetentionService } from './retention.service';
import { ScheduleReconciler } from './schedule-reconciler';
import { ScheduledReports } from './reports/scheduled-reports.service';
import { StatisticsService } from '@skranke/core';
import { WaitTargetProcessor } from './wait-target.processor';
import { WebhookDispatcher } from './webhooks/dispatcher';

/** The processors; `Queues` and `WaitTimerSink` are provided with the core (every app schedules). */
@Module({
  providers: [
    WaitTargetProcessor, DayCloseService, RetentionService, AppointmentLifecycleService, JobWorkers, PrintTicketProcessor, ScheduleReconciler, QueueDepthMetrics,
    NotificationChannels, NotificationRenderer, NotificationDispatcher, SmsDeliveryReports, NotificationLog,
    WebhookDispatcher, EstimateCalibrationService,
    StatisticsService, ScheduledReports,
  ],
  exports: [WaitTargetProcessor, DayCloseService, RetentionService, AppointmentLifecycleService, ScheduleReconciler, NotificationChannels, NotificationDispatcher, SmsDeliveryReports, NotificationLog, WebhookDispatcher, EstimateCalibrationService, ScheduledReports],
})
export class JobsModule {}
