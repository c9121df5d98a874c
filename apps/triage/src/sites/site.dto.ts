import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ORDERING_POLICIES, OrderingPolicy } from '@skranke/domain';
import { OpeningHoursSchema } from './sites.schemas';

export class OrderingDto {
  @ApiProperty({ enum: ORDERING_POLICIES }) @IsIn(ORDERING_POLICIES) policy: OrderingPolicy;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(240) priorityHeadStartMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) preferenceDecay?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(60) appointmentCallAheadMinutes?: number;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'kbh-rådhus' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'slug must be lowercase letters, digits and dashes' }) slug: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ example: 'Europe/Copenhagen' }) @IsString() @MaxLength(64) timezone: string;
  @ApiProperty({ type: OpeningHoursSchema, example: { weekly: { mon: [{ opens: '10:00', closes: '17:00' }] }, exceptions: [{ date: '2026-12-24', intervals: [] }] } })
  @IsObject()
  openingHours: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) municipality?: string;
  @ApiPropertyOptional({ type: OrderingDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => OrderingDto) ordering?: OrderingDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Changes only the settings named: waitWarningShare, retentionHours, auditRetentionDays, noShowMinRecalls, noShowAfterSeconds, pauseAlertMinutes, topics, referralTargets, flags, bookingUrl, appointmentWindow, widgetFrameAncestors, displaySound, branding, booking ({contactLimit, rebookDelayMinutes, maxShare})',
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

/** The create rules, every field optional; null only where the create allows it (skipNullProperties: false). */
export class UpdateSiteDto extends PartialType(OmitType(CreateSiteDto, ['slug'] as const), { skipNullProperties: false }) {}
