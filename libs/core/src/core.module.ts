import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { CounterStateService } from './counters/counter-state.service';
import { EVENT_SINKS, EventSink } from './events/site-event';
import { DisplayStateService } from './state/display-state.service';
import { FloorStateService } from './state/floor-state.service';
import { QueueStateService } from './state/queue-state.service';
import { ServiceDurations } from './state/service-durations';
import { ServiceMeasures } from './state/service-measures';
import { WaitEstimatesService } from './state/wait-estimates.service';
import { EstimateAccuracyService } from './state/estimate-accuracy.service';
import { CallNextService } from './tickets/call-next.service';
import { CallTicketService } from './tickets/call-ticket.service';
import { IssueTicketService } from './tickets/issue-ticket.service';
import { TicketActionsService } from './tickets/ticket-actions.service';
import { BookingCapacity } from './appointments/booking-capacity.service';
import { BookingService } from './appointments/booking.service';
import { WalkInForecast } from './appointments/walk-in-forecast';
import { AppointmentPlanService } from './appointments/appointment-plan.service';
import { ClosuresService } from './appointments/closures.service';
import { TurnNearService } from './notify/turn-near.service';
import { TurnNearWatch } from './notify/turn-near.watch';

const SERVICES = [
  ServiceDurations,
  ServiceMeasures,
  WaitEstimatesService,
  EstimateAccuracyService,
  QueueStateService,
  IssueTicketService,
  CallNextService,
  CallTicketService,
  TicketActionsService,
  CounterStateService,
  DisplayStateService,
  FloorStateService,
  WalkInForecast,
  BookingCapacity,
  BookingService,
  AppointmentPlanService,
  ClosuresService,
  TurnNearService,
  TurnNearWatch,
];

/**
 * The application services that change tickets and counters. The app decides
 * where committed events go (`sinks`); core knows only the EventSink shape.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: { sinks: Type<EventSink>[]; providers?: Provider[] }): DynamicModule {
    const extra = options.providers ?? [];
    return {
      module: CoreModule,
      providers: [
        ...SERVICES,
        ...extra,
        ...options.sinks,
        // The estimates hear of every committed change too, to compute the room again soon.
        { provide: EVENT_SINKS, useFactory: (...sinks: EventSink[]) => sinks, inject: [...options.sinks, WaitEstimatesService] },
      ],
      exports: [...SERVICES, ...extra, ...options.sinks, EVENT_SINKS],
    };
  }
}
