import { ApiProperty } from '@nestjs/swagger';
import { StaffTicketSchema, counterView } from '@skranke/core';
import { COUNTER_KINDS, COUNTER_STATES, type CounterKind, type CounterState } from '@skranke/domain';
import type { CounterHold } from './counter-hold.service';

/** A counter as its open, pause and close answer it (core counterView). */
export class CounterSchema implements ReturnType<typeof counterView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'Skranke 3' }) name: string;
  @ApiProperty({ enum: COUNTER_KINDS }) kind: CounterKind;
  @ApiProperty() seats: number;
  @ApiProperty({ type: [String], description: 'Its services in its order of preference' }) serviceIds: string[];
  @ApiProperty({ enum: COUNTER_STATES }) state: CounterState;
  @ApiProperty({ type: String, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Paused: when it expects to call again (the pause\'s expected length)' })
  pausedUntil: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffUserId: string | null;
  @ApiProperty({ format: 'date-time' }) stateChangedAt: string;
}

export class CalledTicketSchema {
  @ApiProperty({ type: StaffTicketSchema }) ticket: StaffTicketSchema;
}

export class CounterHoldSchema implements CounterHold {
  @ApiProperty({ format: 'uuid' }) counterId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Birthe Jensen' }) userName: string;
  @ApiProperty({ format: 'date-time', description: 'Since when this user holds it' }) since: string;
}
