import { ApiProperty } from '@nestjs/swagger';
import { COUNTER_KINDS, COUNTER_STATES, type CounterKind, type CounterState } from '@skranke/domain';
import { IssuedTicketSchema, StaffTicketSchema, WaitEstimateSchema } from '@skranke/core';
import { FloorAlertSchema } from '../alerts/alerts.schemas';
import { LabelsSchema, SiteSettingsSchema } from '../sites/sites.schemas';
import { ServiceStaffingSchema } from '../staffing/staffing.schemas';

/** One service now: who waits (with notes and flags), the longest wait, the estimate and the staffing advice. */
export class FloorServiceSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ example: 'pas' }) code: string;
  @ApiProperty({ type: LabelsSchema }) names: LabelsSchema;
  @ApiProperty() targetWaitMinutes: number;
  @ApiProperty() waiting: number;
  @ApiProperty() longestWaitMinutes: number;
  @ApiProperty({ type: WaitEstimateSchema, nullable: true, description: 'null: no counter serving the service is open' }) estimatedWait: WaitEstimateSchema | null;
  @ApiProperty({ type: [StaffTicketSchema] }) tickets: StaffTicketSchema[];
  @ApiProperty({ type: ServiceStaffingSchema, nullable: true }) staffing: ServiceStaffingSchema | null;
}

/** A counter now, with the tickets at its seats (one per seat of a medbetjening station). */
export class FloorCounterSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'Skranke 3' }) name: string;
  @ApiProperty({ enum: COUNTER_KINDS }) kind: CounterKind;
  @ApiProperty() seats: number;
  @ApiProperty({ type: [String], description: 'Services in the order of preference' }) serviceIds: string[];
  @ApiProperty({ enum: COUNTER_STATES }) state: CounterState;
  @ApiProperty({ type: String, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffUserId: string | null;
  @ApiProperty({ format: 'date-time' }) stateChangedAt: string;
  @ApiProperty({ type: [StaffTicketSchema], description: 'Called or in service here, with their seat' }) current: StaffTicketSchema[];
}

export class FloorSiteSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: SiteSettingsSchema }) settings: SiteSettingsSchema;
}

export class FloorStateSchema {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ description: 'The site event sequence this view is current to' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: FloorSiteSchema }) site: FloorSiteSchema;
  @ApiProperty({ type: [FloorServiceSchema] }) services: FloorServiceSchema[];
  @ApiProperty({ type: [FloorCounterSchema] }) counters: FloorCounterSchema[];
  @ApiProperty({ type: [FloorAlertSchema] }) alerts: FloorAlertSchema[];
}

export class EncounterSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ['resolved-on-spot', 'self-service', 'referred', 'ticket'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true, description: "A key of the site's topics (or pc/phone for self-service)" }) topic: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A key of the site's referral targets" }) referralTarget: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: IssuedTicketSchema, nullable: true }) ticket: IssuedTicketSchema | null;
}
