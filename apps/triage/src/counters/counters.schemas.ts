import { ApiProperty } from '@nestjs/swagger';
import type { counterView } from '@skranke/core';
import { COUNTER_KINDS, COUNTER_STATES, type CounterKind, type CounterState } from '@skranke/domain';

/** A counter as the configuration answers it (for the pages' generated API types); `implements` keeps it alike the view. */
export class CounterSchema implements ReturnType<typeof counterView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'Skranke 4' }) name: string;
  @ApiProperty({ enum: COUNTER_KINDS, description: 'assisted-self-service: a medbetjening station with several seats' }) kind: CounterKind;
  @ApiProperty({ description: 'Seats served at once (1 unless a medbetjening station)' }) seats: number;
  @ApiProperty({ type: [String], description: 'Services in the counter’s order of preference' }) serviceIds: string[];
  @ApiProperty({ enum: COUNTER_STATES }) state: CounterState;
  @ApiProperty({ type: String, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Paused: when it expects to call again' }) pausedUntil: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffUserId: string | null;
  @ApiProperty({ format: 'date-time' }) stateChangedAt: string;
}

export class RemovedCounterSchema extends CounterSchema {
  @ApiProperty({ description: 'false: removed' }) active: boolean;
}
