import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { RealtimeHubModule } from '@skranke/realtime';
import { CountersController } from './counters/counters.controller';
import { DisplayController } from './display/display.controller';
import { TicketsController } from './tickets/tickets.controller';

export function counterDisplayModule(options: AppOptions = {}): Type {
  @Module({
    imports: [...appFoundation('counter-display', options), RealtimeHubModule],
    controllers: [CountersController, TicketsController, DisplayController],
  })
  class CounterDisplayModule {}
  return CounterDisplayModule;
}
