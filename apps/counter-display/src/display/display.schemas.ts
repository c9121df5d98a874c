import { ApiProperty } from '@nestjs/swagger';
import { DisplayState, RecentCall, ServiceQueueState, WaitEstimateSchema } from '@skranke/core';

/** A call as the display shows it: number → counter (and seat). */
export class DisplayCallSchema implements RecentCall {
  @ApiProperty({ description: 'The call event\u2019s place in the site\u2019s event log' }) seq: number;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'P012' }) number: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ format: 'uuid' }) counterId: string;
  @ApiProperty({ example: 'Skranke 3' }) counterName: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Seat at the counter, 1 = first' }) seat: number | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'A recall of a ticket called before' }) recall: boolean;
}

export class ServiceWaitSchema implements ServiceQueueState {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ description: 'Tickets waiting now' }) waiting: number;
  @ApiProperty({ type: WaitEstimateSchema, nullable: true, description: 'The wait a ticket taken now can expect; null: no counter serving the service is open' }) estimatedWait: WaitEstimateSchema | null;
}

/** `GET /sites/:siteId/display-state`: consistent with one `seq`. */
export class DisplayStateSchema implements DisplayState {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ description: 'The last event the state includes' }) seq: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [DisplayCallSchema], description: 'Today\u2019s latest calls, newest first' }) recentCalls: DisplayCallSchema[];
  @ApiProperty({ type: [ServiceWaitSchema] }) services: ServiceWaitSchema[];
}
