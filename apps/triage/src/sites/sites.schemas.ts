import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpeningHours, OrderingSettings } from '@skranke/domain';
import type { LabelledItem, SiteSettings } from '@skranke/persistence';
import type { siteView } from './sites.service';

export class LabelsSchema {
  @ApiProperty({ example: 'Skattestyrelsen' }) da: string;
  @ApiProperty({ example: 'Danish Tax Agency (SKAT)' }) en: string;
  @ApiProperty({ example: 'Dänische Steuerbehörde (SKAT)' }) de: string;
}

/** A topic, referral target or flag: the key stored on encounters and tickets, and its label per language. */
export class LabelledItemSchema implements LabelledItem {
  @ApiProperty({ example: 'skat' }) key: string;
  @ApiProperty({ type: LabelsSchema }) labels: LabelsSchema;
}

class AppointmentWindowSchema {
  @ApiProperty() earlyMinutes: number;
  @ApiProperty() lateMinutes: number;
}

export class SiteSettingsSchema implements SiteSettings {
  @ApiProperty() waitWarningShare: number;
  @ApiProperty() retentionHours: number;
  @ApiProperty() noShowMinRecalls: number;
  @ApiProperty() noShowAfterSeconds: number;
  @ApiProperty() pauseAlertMinutes: number;
  @ApiProperty({ type: [LabelledItemSchema] }) topics: LabelledItemSchema[];
  @ApiProperty({ type: [LabelledItemSchema] }) referralTargets: LabelledItemSchema[];
  @ApiProperty({ type: [LabelledItemSchema] }) flags: LabelledItemSchema[];
  @ApiPropertyOptional() bookingUrl?: string;
  @ApiPropertyOptional({ type: AppointmentWindowSchema }) appointmentWindow?: AppointmentWindowSchema;
  @ApiPropertyOptional({ type: [String] }) widgetFrameAncestors?: string[];
}

export class SiteSchema implements ReturnType<typeof siteView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'kbh-raadhus' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone: string;
  @ApiProperty({ description: '{weekly: {mon: [{opens, closes}], …}, exceptions?: [{date, intervals, reason?}]}', type: 'object', additionalProperties: true })
  openingHours: OpeningHours;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{policy, priorityHeadStartMinutes?, preferenceDecay?, appointmentCallAheadMinutes?}' }) ordering: OrderingSettings;
  @ApiProperty({ type: SiteSettingsSchema }) settings: SiteSettingsSchema;
}
