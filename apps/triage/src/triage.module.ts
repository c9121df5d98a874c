import { BookingConfigController } from './booking/booking-config.controller';
import { ReportSubscriptionsService, StatisticsService } from '@skranke/core';
import { BookingConfigService } from './booking/booking-config.service';
import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { FloorViewService } from './alerts/floor-view.service';
import { RoomAlertAcks } from './alerts/room-alert-acks';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { NotificationCountsController } from './dashboard/notification-counts.controller';
import { EstimateAccuracyController } from './dashboard/estimate-accuracy.controller';
import { FloorTicketsController } from './floor/floor-tickets.controller';
import { CountersController } from './counters/counters.controller';
import { CountersService } from './counters/counters.service';
import { DevicesController } from './devices/devices.controller';
import { EncountersController } from './encounters/encounters.controller';
import { EncountersService } from './encounters/encounters.service';
import { ServicesController } from './services/services.controller';
import { ServicesService } from './services/services.service';
import { ReportsController } from './reports/reports.controller';
import { ReportSubscriptionsController } from './reports/report-subscriptions.controller';
import { SitesController } from './sites/sites.controller';
import { SitesService } from './sites/sites.service';
import { StaffFiguresController } from './staff-figures/staff-figures.controller';
import { StaffFiguresService } from './staff-figures/staff-figures.service';
import { StaffingService } from './staffing/staffing.service';
import { OidcController } from './sso/oidc.controller';
import { SamlController } from './sso/saml.controller';
import { SamlService } from './sso/saml.service';
import { RoleMappingController } from './sso/role-mapping.controller';
import { RoleMappingService } from './sso/role-mapping.service';
import { UsersController } from './users/users.controller';
import { RoleCatalogueController } from './identity/role-catalogue.controller';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { UsersService } from './users/users.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

export function triageModule(options: AppOptions = {}): Type {
  @Module({
    imports: appFoundation('triage', options),
    controllers: [
      SitesController,
      ServicesController,
      CountersController,
      UsersController,
      DevicesController,
      EncountersController,
      AlertsController,
      FloorTicketsController,
      DashboardController,
      BookingConfigController,
      NotificationCountsController,
      RoleCatalogueController,
      ReportsController,
      ReportSubscriptionsController,
      WebhooksController,
      RoleMappingController,
      AuditController,
      OidcController,
      SamlController,
      EstimateAccuracyController,
      StaffFiguresController,
    ],
    providers: [
      SitesService,
      StaffFiguresService,
      ServicesService,
      CountersService,
      UsersService,
      EncountersService,
      FloorViewService,
      AlertsService,
      DashboardService,
      StaffingService,
      RoomAlertAcks,
      BookingConfigService,
      StatisticsService,
      ReportSubscriptionsService,
      WebhooksService,
      RoleMappingService,
      AuditService,
      SamlService,
    ],
  })
  class TriageModule {}
  return TriageModule;
}
