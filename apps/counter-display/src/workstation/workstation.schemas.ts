import { ApiProperty } from '@nestjs/swagger';
import { StaffTicketSchema } from '@skranke/core';
import { COUNTER_KINDS, COUNTER_STATES, type CounterKind, type CounterState } from '@skranke/domain';
import type { LabelledItem } from '@skranke/persistence';
import { CounterHoldSchema, CounterSchema } from '../counters/counters.schemas';

export class CounterChoiceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ description: 'For links to the site’s floor and dashboard pages' }) siteSlug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COUNTER_KINDS }) kind: CounterKind;
  @ApiProperty() seats: number;
  @ApiProperty({ enum: COUNTER_STATES }) state: CounterState;
  @ApiProperty({ description: 'The site has given notice of per-person figures (announced or on): the page links the staff figures page' })
  staffFigures: boolean;
}

export class SeatSchema {
  @ApiProperty() seat: number;
  @ApiProperty({ type: StaffTicketSchema, nullable: true }) ticket: StaffTicketSchema | null;
}

/** A number in a waiting list at the counter: enough to call it and to show how long it has waited. */
export class WaitingTicketSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty() priority: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appointmentAt: string | null;
}

export class CounterQueueSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() waiting: number;
  @ApiProperty() longestWaitMinutes: number;
  @ApiProperty() targetWaitMinutes: number;
  @ApiProperty({ type: [WaitingTicketSchema], description: 'In line order (first = longest in line)' }) tickets: WaitingTicketSchema[];
}

export class CounterServiceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { da: 'Pas', en: 'Passports' } }) names: Record<string, string>;
  @ApiProperty() targetWaitMinutes: number;
}

export class FlagLabelsSchema {
  @ApiProperty({ example: 'Tolk' }) da: string;
  @ApiProperty({ example: 'Interpreter' }) en: string;
  @ApiProperty({ example: 'Dolmetscher' }) de: string;
}

/** A flag a floor-walker can put on a ticket: its key (on the ticket) and its name per language. */
export class CounterFlagSchema implements LabelledItem {
  @ApiProperty({ example: 'interpreter' }) key: string;
  @ApiProperty({ type: FlagLabelsSchema }) labels: FlagLabelsSchema;
}

export class CounterCurrentSchema {
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: CounterSchema }) counter: CounterSchema;
  @ApiProperty({ type: CounterHoldSchema, nullable: true, description: 'Who works at it now; null when nobody holds it' }) hold: CounterHoldSchema | null;
  @ApiProperty({ type: [SeatSchema] }) seats: SeatSchema[];
  @ApiProperty({ type: [CounterQueueSchema] }) queues: CounterQueueSchema[];
  @ApiProperty({ type: [CounterServiceSchema] }) services: CounterServiceSchema[];
  @ApiProperty({ type: [CounterFlagSchema], description: 'The site’s flags, so a ticket’s flag keys show by name' }) flags: CounterFlagSchema[];
}
