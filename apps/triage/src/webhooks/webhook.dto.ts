import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { EVENT_TYPES } from '@skranke/domain';

const URL_DOC =
  'http(s) address the deliveries are POSTed to. Refused with 400 webhook_url_invalid (not http/https, credentials, fragment), 422 webhook_address_refused (the host is or resolves to a private, loopback or link-local address, unless WEBHOOK_ALLOW_PRIVATE) or 422 webhook_host_unknown.';
const EVENTS_DOC = 'Event types to receive (at least one; 400 webhook_events_invalid names an unknown one)';

export class CreateWebhookDto {
  @ApiProperty({ format: 'uuid', description: 'The site whose events the endpoint receives; the caller needs the admin or integration role there' })
  @IsUUID()
  siteId: string;
  @ApiProperty({ example: 'https://sager.kommune.dk/hooks/skranke', description: URL_DOC }) @IsString() @MaxLength(2000) url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['ticket.called'], description: EVENTS_DOC }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) events: string[];
  @ApiPropertyOptional({ example: 'Sagssystemet' }) @IsOptional() @IsString() @MaxLength(200) description?: string;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: URL_DOC }) @ValidateIf((_, v) => v !== undefined) @IsString() @MaxLength(2000) url?: string;
  @ApiPropertyOptional({ enum: EVENT_TYPES, isArray: true, description: EVENTS_DOC }) @ValidateIf((_, v) => v !== undefined) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) events?: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(200) description?: string | null;
  @ApiPropertyOptional({ description: 'true enables it again (e.g. after a 410 Gone disabled it): the events since it stopped are delivered' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events: string[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: "Why it was disabled: 'gone' (it answered 410) or 'by-staff'" }) disabledReason: string | null;
  @ApiProperty({ description: 'The last event seq deliveries were made for' }) cursorSeq: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedWebhookSchema extends WebhookSchema {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret (Standard Webhooks); shown only now' }) secret: string;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 168,
    default: 24,
    description: 'Hours the secret before this rotation keeps signing beside the new one (0: it ends at once, e.g. when it leaked)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(168)
  overlapHours?: number;
}

export class RotatedWebhookSchema extends CreatedWebhookSchema {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when deliveries are also signed with the previous secret (null: no longer)',
  })
  previousSecretValidUntil: string | null;
}

export class WebhookDeliverySchema {
  @ApiProperty({ format: 'uuid', description: 'Also the webhook-id header (the same on every retry and replay)' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty({ enum: ['pending', 'sending', 'delivered', 'failed'] }) state: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due (pending)' }) nextAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatus: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SiteEventSchema {
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty({ format: 'date-time' }) timestamp: string;
  @ApiProperty({ description: 'siteId, seq and the allow-listed fields of the event (ids, numbers, services, counters, times)', type: 'object', additionalProperties: true })
  data: Record<string, unknown>;
}

export class SiteEventPageSchema {
  @ApiProperty({ type: [SiteEventSchema] }) events: SiteEventSchema[];
  @ApiProperty({ description: 'The seq to ask after next (the last one here, or `after` when there was none)' }) last: number;
}
