import { Module, Type } from '@nestjs/common';
import { AppOptions, appFoundation } from '@skranke/jobs';
import { CountersController } from './counters/counters.controller';
import { CountersService } from './counters/counters.service';
import { DevicesController } from './devices/devices.controller';
import { EncountersController } from './encounters/encounters.controller';
import { EncountersService } from './encounters/encounters.service';
import { ServicesController } from './services/services.controller';
import { ServicesService } from './services/services.service';
import { SitesController } from './sites/sites.controller';
import { SitesService } from './sites/sites.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

export function triageModule(options: AppOptions = {}): Type {
  @Module({
    imports: appFoundation('triage', options),
    controllers: [SitesController, ServicesController, CountersController, UsersController, DevicesController, EncountersController],
    providers: [SitesService, ServicesService, CountersService, UsersService, EncountersService],
  })
  class TriageModule {}
  return TriageModule;
}
