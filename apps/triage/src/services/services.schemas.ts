import { ApiProperty } from '@nestjs/swagger';
import type { serviceView } from './services.service';

/** A service as the configuration answers it (for the pages' generated API types); `implements` keeps it alike the view. */
export class ServiceNamesSchema {
  @ApiProperty() da: string;
  @ApiProperty() en: string;
  @ApiProperty() de: string;
}

export class ServiceSchema implements ReturnType<typeof serviceView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'passport' }) code: string;
  @ApiProperty({ example: 'P', description: 'The letter of its numbers' }) prefix: string;
  @ApiProperty({ type: ServiceNamesSchema }) names: ServiceNamesSchema & Record<string, string>;
  @ApiProperty() targetWaitMinutes: number;
  @ApiProperty() serviceLevelPercent: number;
  @ApiProperty({ type: Number, nullable: true }) dailyCap: number | null;
  @ApiProperty({ type: String, nullable: true }) groupName: string | null;
  @ApiProperty() sortOrder: number;
  @ApiProperty() active: boolean;
  @ApiProperty() bookable: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Set length; null: measured' }) appointmentMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'p80 handling time, refreshed nightly' }) measuredAppointmentMinutes: number | null;
  @ApiProperty() minNoticeMinutes: number;
  @ApiProperty() maxDaysAhead: number;
  @ApiProperty() cancelCutoffMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The share set for every day; null: computed from the walk-in target' }) bookingShare: number | null;
}
