import { PublicBookingController } from './appointments/public-booking.controller';
import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { AppointmentPlanController } from './appointments/appointment-plan.controller';
import { AppointmentsController } from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { NotificationSettingsService } from './notifications/notification-settings.service';
import { NotificationsController, SmsReportsController } from './notifications/notifications.controller';
import { NextFreeService } from './appointments/next-free.service';
import { KioskInfoService } from './kiosk/kiosk-info.service';
import { NotifyMeService } from './notify/notify-me.service';
import { KioskController } from './kiosk/kiosk.controller';
import { PrintRequestService } from './printing/print-request.service';
import { PrinterController } from './printing/printer.controller';
import { PrinterService } from './printing/printer.service';
import { MunicipalityWaitTimesController } from './public/municipality-wait-times.controller';
import { MunicipalityWaitTimesService } from './public/municipality-wait-times.service';
import { WaitTimesController } from './public/wait-times.controller';
import { WaitTimesService } from './public/wait-times.service';
import { WidgetEmbeddersService } from './public/widget-embedders.service';
import { SurveyService } from './survey/survey.service';
import { CitizenTicketsController } from './tickets/citizen-tickets.controller';
import { LeaveService } from './tickets/leave.service';
import { TicketsController } from './tickets/tickets.controller';
import { TrackingService } from './tickets/tracking.service';

export function ticketingModule(options: AppOptions = {}): Type {
  @Module({
    imports: appFoundation('ticketing', options),
    controllers: [TicketsController, CitizenTicketsController, WaitTimesController, MunicipalityWaitTimesController, KioskController, AppointmentsController, AppointmentPlanController, PublicBookingController, PrinterController, NotificationsController, SmsReportsController],
    providers: [TrackingService, WaitTimesService, WidgetEmbeddersService, MunicipalityWaitTimesService, KioskInfoService, AppointmentsService, NextFreeService, PrintRequestService, PrinterService, SurveyService, LeaveService, NotificationSettingsService, NotifyMeService],
  })
  class TicketingModule {}
  return TicketingModule;
}
