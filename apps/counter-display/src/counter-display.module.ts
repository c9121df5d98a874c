import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { RealtimeHubModule } from '@skranke/realtime';
import { CounterHoldService } from './counters/counter-hold.service';
import { CountersController } from './counters/counters.controller';
import { DeviceMeController } from './devices/device-me.controller';
import { DeviceMeService } from './devices/device-me.service';
import { DisplayController } from './display/display.controller';
import { TicketsController } from './tickets/tickets.controller';
import { WorkstationController } from './workstation/workstation.controller';
import { WorkstationService } from './workstation/workstation.service';

export function counterDisplayModule(options: AppOptions = {}): Type {
  @Module({
    imports: [...appFoundation('counter-display', options), RealtimeHubModule],
    controllers: [CountersController, TicketsController, DisplayController, WorkstationController, DeviceMeController],
    providers: [WorkstationService, DeviceMeService, CounterHoldService],
  })
  class CounterDisplayModule {}
  return CounterDisplayModule;
}
