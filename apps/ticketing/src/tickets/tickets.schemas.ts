import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IssuedTicketSchema, WaitEstimateSchema } from '@skranke/core';
import { TICKET_STATUSES, type TicketStatus } from '@skranke/domain';
import { NAMES } from '../kiosk/kiosk.schemas';

const PRINT_STATUS = { type: String, nullable: true, enum: ['pending', 'printed', 'failed'], description: 'The receipt print: null when the kiosk has no network printer' } as const;

class CheckedInAppointmentSchema {
  @ApiProperty({ format: 'date-time' }) startsAt: string;
}

/** What issuing (and an appointment check-in) answers the kiosk: the ticket and its receipt print. */
export class KioskTicketSchema extends IssuedTicketSchema {
  @ApiProperty(PRINT_STATUS) printStatus: string | null;
  @ApiPropertyOptional({ type: CheckedInAppointmentSchema, description: 'Only after an appointment check-in' }) appointment?: CheckedInAppointmentSchema;
}

export class PrintStatusSchema {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty(PRINT_STATUS) printStatus: string | null;
}

class TrackedServiceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(NAMES) names: Record<string, string>;
}

/** GET /tickets/track/:trackingToken: the citizen's own ticket, nothing of others. */
export class TrackedTicketSchema {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteSlug: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ type: TrackedServiceSchema }) service: TrackedServiceSchema;
  @ApiProperty({ example: 'da' }) language: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Place in line while waiting (1 = next)' }) position: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Tickets ahead while waiting' }) ahead: number | null;
  @ApiProperty({ type: WaitEstimateSchema, nullable: true, description: 'While waiting: the expected wait from now; null when not waiting or no counter serving its service is open' }) estimatedWait: WaitEstimateSchema | null;
  @ApiProperty({ type: String, nullable: true, description: 'While called or in service' }) counterName: string | null;
  @ApiProperty({ type: Number, nullable: true }) seat: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) calledAt: string | null;
  @ApiProperty({ enum: ['push', 'sms', 'email'], isArray: true, description: 'The channels the citizen may ask to be told on (those configured)' })
  notifyChannels: ('push' | 'sms' | 'email')[];
  @ApiProperty({ type: String, enum: ['push', 'sms', 'email'], nullable: true, description: 'The channel the citizen asked to be told on; null: not asked' })
  notifyChannel: 'push' | 'sms' | 'email' | null;
  @ApiProperty({ example: 10, description: 'The site’s travel buffer: "turn near" goes when the low end of the wait falls below it' }) turnNearMinutes: number;
  @ApiProperty({
    description: 'Waiting, not asked yet, and the turn is near already (the low end below the buffer plus margin): "tell me when it’s near" is not offered (422 turn_already_near); the page says to stay in the waiting room',
  })
  turnNearNow: boolean;
}

export class LeftTicketSchema {
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ enum: ['cancelled'] }) status: 'cancelled';
}

export class SurveyThanksSchema {
  @ApiProperty({ enum: [true] }) thanks: true;
}

export class NotifyAnswerSchema {
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ enum: ['push', 'sms', 'email'] }) channel: 'push' | 'sms' | 'email';
  @ApiProperty({ example: 10, description: 'The citizen is told when the low end of the remaining wait falls below this' }) turnNearMinutes: number;
}

export class PushKeySchema {
  @ApiProperty({ description: 'The VAPID public key (base64url) to subscribe with' }) publicKey: string;
}
