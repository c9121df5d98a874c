import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { WaitTimesController } from './public/wait-times.controller';
import { WaitTimesService } from './public/wait-times.service';
import { TicketsController } from './tickets/tickets.controller';
import { TrackingService } from './tickets/tracking.service';

export function ticketingModule(options: AppOptions = {}): Type {
  @Module({
    imports: appFoundation('ticketing', options),
    controllers: [TicketsController, WaitTimesController],
    providers: [TrackingService, WaitTimesService],
  })
  class TicketingModule {}
  return TicketingModule;
}
