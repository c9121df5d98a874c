import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AlertAdvice, AlertKind, FloorAlert } from './alert-rules';

/** What would help, as a code and its parameters: the page words it. */
export class AlertAdviceSchema implements AlertAdvice {
  @ApiProperty({ enum: ['open-counter', 'add-service', 'call-next', 'call-ticket', 'staffing'] }) code: string;
  @ApiPropertyOptional() counterName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) serviceId?: string;
  @ApiPropertyOptional({ example: 'P012' }) number?: string;
  @ApiPropertyOptional({ description: 'staffing: counters to open' }) extra?: number;
  @ApiPropertyOptional({ description: 'staffing: the service level reached, percent' }) level?: number;
  @ApiPropertyOptional({ description: 'staffing: the waiting-time target, minutes' }) target?: number;
}

export class FloorAlertSchema implements FloorAlert {
  @ApiProperty({ example: 'warning:<ticket id>' }) id: string;
  @ApiProperty({ enum: ['warning', 'breach', 'idle-counter', 'long-pause', 'staffing'] }) kind: AlertKind;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ticketId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) counterId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) serviceId: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty() acknowledgeable: boolean;
  @ApiProperty({ type: AlertAdviceSchema }) advice: AlertAdviceSchema;
}

export class TicketAlertAckSchema {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ type: [String] }) kinds: string[];
  @ApiProperty({ format: 'uuid' }) acknowledgedByUserId: string;
}

export class RoomAlertAckSchema {
  @ApiProperty() alertId: string;
  @ApiProperty({ format: 'uuid' }) acknowledgedByUserId: string;
  @ApiProperty() quietMinutes: number;
}
