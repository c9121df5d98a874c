import { ApiProperty } from '@nestjs/swagger';

export class AuditEntrySchema {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['event', 'audit'], description: "'event': a ticket or counter change from the site's event log; 'audit': any other act" }) source: 'event' | 'audit';
  @ApiProperty({ description: "What: an event type (`ticket.called`), a dotted act (`user.deactivated`, `login.locked`) or a staff request (`PATCH /sites/:siteId/services/:serviceId`)" }) action: string;
  @ApiProperty({ description: "'user', 'device', 'system' or 'anonymous'" }) actorKind: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Username, device name or client address' }) actorLabel: string | null;
  @ApiProperty({ type: String, nullable: true }) siteId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "'ticket', 'counter', 'user', 'device', 'service', 'site', …" }) subjectType: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
  @ApiProperty({ type: String, nullable: true }) ticketNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The counter (workstation) the act was done at or to' }) counterId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The kiosk or display, when a device did it' }) deviceId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The staff member's client address" }) address: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Never a note, contact or secret: event payloads as displays see them, the names of the fields a request sent' })
  details: Record<string, unknown>;
}

export class AuditPageSchema {
  @ApiProperty({ type: [AuditEntrySchema] }) entries: AuditEntrySchema[];
  @ApiProperty({ type: Number, nullable: true, description: 'Send as `offset` for the next page; null on the last' }) nextOffset: number | null;
}
