import { ApiProperty } from '@nestjs/swagger';
import type { StaffingAdviceKey, StaffingAdviceText } from '@skranke/domain';
import type { ServiceStaffing } from './staffing.service';

class StaffingAdviceParamsSchema {
  @ApiProperty({ description: 'Counters to open, that could move, or that are open (by key)' }) counters: number;
  @ApiProperty({ description: 'Service level, percent' }) level: number;
  @ApiProperty({ description: 'Waiting-time target, minutes' }) target: number;
}

/** The advice as a key and parameters; each page words it in its language. */
export class StaffingAdviceTextSchema implements StaffingAdviceText {
  @ApiProperty({ enum: ['staffing.open-more', 'staffing.can-move', 'staffing.enough'] }) key: StaffingAdviceKey;
  @ApiProperty({ type: StaffingAdviceParamsSchema }) params: StaffingAdviceParamsSchema;
}

export class ServiceStaffingSchema implements ServiceStaffing {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ description: 'Forecast arrivals in the next hour' }) arrivalsPerHour: number;
  @ApiProperty() countersNeeded: number;
  @ApiProperty({ description: 'Counters to open (positive) or that could go (negative)' }) delta: number;
  @ApiProperty({ description: 'Citizens waiting now' }) waiting: number;
  @ApiProperty({ type: StaffingAdviceTextSchema }) advice: StaffingAdviceTextSchema;
  @ApiProperty() targetMinutes: number;
  @ApiProperty() serviceLevelPercent: number;
}
