import { ApiProperty } from '@nestjs/swagger';
import type { ServiceAccuracy } from '@skranke/core';
import { FloorAlertSchema } from '../alerts/alerts.schemas';
import { FloorCounterSchema, FloorServiceSchema, FloorSiteSchema } from '../encounters/floor-state.schemas';

export class AccuracySchema implements Omit<ServiceAccuracy, 'serviceId'> {
  @ApiProperty({ description: 'Tickets called today whose shown estimate can be scored' }) scored: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean difference between the estimate shown and the real wait, minutes' }) meanAbsoluteErrorMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share (0–1) of real waits inside the range shown' }) withinRangeShare: number | null;
}

export class ServiceAccuracySchema extends AccuracySchema implements ServiceAccuracy {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
}

export class DashboardServiceSchema extends FloorServiceSchema {
  @ApiProperty() serviceLevelPercent: number;
  @ApiProperty() calledToday: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Percent called within the target today; null before the first call' }) withinTargetPercent: number | null;
  @ApiProperty() openCounters: number;
  @ApiProperty({ type: ServiceAccuracySchema, nullable: true }) estimateAccuracy: ServiceAccuracySchema | null;
}

/** The site-wide line under the services: totals, the longest wait anywhere, the shares over every call. */
export class DashboardTotalsSchema {
  @ApiProperty() waiting: number;
  @ApiProperty() longestWaitMinutes: number;
  @ApiProperty() calledToday: number;
  @ApiProperty({ type: Number, nullable: true }) withinTargetPercent: number | null;
  @ApiProperty({ description: 'Counters open now (each once, whatever it serves)' }) openCounters: number;
  @ApiProperty({ type: AccuracySchema }) estimateAccuracy: AccuracySchema;
}

export class DashboardCounterSchema extends FloorCounterSchema {
  @ApiProperty({ type: String, nullable: true }) staffName: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds since the current ticket was called' }) currentSeconds: number | null;
}

class CountSchema {
  @ApiProperty() target: string;
  @ApiProperty() count: number;
}

export class TodaySchema {
  @ApiProperty() ticketsIssued: number;
  @ApiProperty() served: number;
  @ApiProperty() noShow: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() expired: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Encounters per outcome' }) encounters: Record<string, number>;
  @ApiProperty() resolvedOnSpot: number;
  @ApiProperty() selfService: number;
  @ApiProperty({ type: [CountSchema], description: 'Referrals per target key' }) referrals: CountSchema[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Finished tickets per outcome' }) outcomes: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Finished tickets per mode of help' }) helpModes: Record<string, number>;
}

export class HourSchema {
  @ApiProperty() hour: number;
  @ApiProperty() tickets: number;
  @ApiProperty() encounters: number;
  @ApiProperty() served: number;
}

export class DashboardSchema {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: FloorSiteSchema }) site: FloorSiteSchema;
  @ApiProperty({ format: 'date' }) businessDate: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [FloorAlertSchema] }) alerts: FloorAlertSchema[];
  @ApiProperty({ type: [DashboardServiceSchema] }) services: DashboardServiceSchema[];
  @ApiProperty({ type: DashboardTotalsSchema }) totals: DashboardTotalsSchema;
  @ApiProperty({ type: [DashboardCounterSchema] }) counters: DashboardCounterSchema[];
  @ApiProperty({ type: TodaySchema }) today: TodaySchema;
  @ApiProperty({ type: [HourSchema], description: 'Hours with any arrival or service' }) perHour: HourSchema[];
}
