import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, HELP_MODES, OUTCOMES, TICKET_STATUSES, type Channel, type HelpMode, type Outcome, type TicketStatus, type WaitEstimate } from '@skranke/domain';
import type { StaffTicketView, issuedTicket, publicTicket } from './ticket-views';

/**
 * The ticket views as OpenAPI schemas, for controllers' `@ApiOkResponse({ type })`:
 * the pages' API types are generated from them (tools/openapi.ts). Each class
 * `implements` its view, so the compiler keeps schema and answer alike.
 */
export class WaitEstimateSchema implements WaitEstimate {
  @ApiProperty({ description: 'Most likely wait in minutes, to the second (e.g. 4.25); pages round at display' }) minutes: number;
  @ApiProperty({ description: 'Low end of the range (p10), minutes to the second' }) low: number;
  @ApiProperty({ description: 'High end of the range (p90), minutes to the second; at most 1: "about now"' }) high: number;
}

export class PublicTicketSchema implements ReturnType<typeof publicTicket> {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) counterId: string | null;
  @ApiProperty({ type: String, nullable: true }) counterName: string | null;
  @ApiProperty({ type: Number, nullable: true }) seat: number | null;
  @ApiProperty() recallCount: number;
}

export class StaffTicketSchema implements StaffTicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ format: 'uuid', description: 'The service it was first issued for (before transfers)' }) issuedServiceId: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty() priority: number;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ example: 'da' }) language: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appointmentAt: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) calledAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) counterId: string | null;
  @ApiProperty({ type: String, nullable: true }) counterName: string | null;
  @ApiProperty({ type: Number, nullable: true }) seat: number | null;
  @ApiProperty() recallCount: number;
  @ApiProperty() transferCount: number;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: Outcome | null;
  @ApiProperty({ enum: HELP_MODES, nullable: true }) helpMode: HelpMode | null;
  @ApiProperty({ type: String, nullable: true, description: 'The floor-walker\u2019s note (staff only)' }) note: string | null;
  @ApiProperty({ type: [String], description: 'Flag keys, e.g. needs-interpreter' }) flags: string[];
}

export class IssuedTicketSchema implements ReturnType<typeof issuedTicket> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty() priority: number;
  @ApiProperty({ description: 'Place in line, 1 = next' }) position: number;
  @ApiProperty({ type: WaitEstimateSchema, nullable: true, description: 'Null: no open counter serves the service.' }) estimatedWait: WaitEstimateSchema | null;
  @ApiProperty({ description: 'Key of the citizen\u2019s ticket page /t/{trackingToken}' }) trackingToken: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appointmentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: [String] }) flags: string[];
}
