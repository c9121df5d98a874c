import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATES } from '@skranke/persistence';

class ChannelSwitchesSchema {
  @ApiProperty() email: boolean;
  @ApiProperty() sms: boolean;
  @ApiProperty() push: boolean;
}

class QuietHoursSchema {
  @ApiProperty({ example: '22:00' }) from: string;
  @ApiProperty({ example: '07:00' }) to: string;
}

export class TemplateSchema {
  @ApiPropertyOptional({ description: 'The SMS (and push body): at most 160 GSM-7 characters with the longest values filled in' }) sms?: string;
  @ApiPropertyOptional({ description: 'The e-mail subject (and push title)' }) subject?: string;
  @ApiPropertyOptional({ description: 'The e-mail text' }) text?: string;
}

/** Switches to change: each left out stays as it is. */
class ChannelChangesSchema {
  @ApiPropertyOptional() email?: boolean;
  @ApiPropertyOptional() sms?: boolean;
  @ApiPropertyOptional() push?: boolean;
}

/** {kind: {language: TemplateSchema}} (TemplateSchema is registered on the controller with ApiExtraModels). */
const TEMPLATES = () => ({ type: 'object' as const, additionalProperties: { type: 'object' as const, additionalProperties: { $ref: getSchemaPath(TemplateSchema) } } });

const TEMPLATES_DESCRIPTION =
  '{kind: {language: {sms?, subject?, text?}}}; kinds booking-confirmation, booking-reminder, booking-moved, booking-cancelled, turn-near, turn-called, survey; languages da, en, de; placeholders {code}, {service}, {time}, {site}, {counter}, {number}, {manageUrl}, {surveyUrl} (each kind its own)';

export class NotificationSettingsSchema {
  @ApiProperty({ type: ChannelSwitchesSchema, description: 'Which channels the operator configured (SMTP_URL, SMS_PROVIDER, VAPID_*): only these can be on' })
  configured: ChannelSwitchesSchema;
  @ApiProperty({ type: ChannelSwitchesSchema, description: 'Which channels this site uses (on only where configured)' }) channels: ChannelSwitchesSchema;
  @ApiProperty({ type: [Number], example: [1440, 120], description: 'Minutes before a booked time that a reminder goes' }) reminderOffsetsMinutes: number[];
  @ApiProperty({ type: QuietHoursSchema, description: 'No reminder in these hours (site time)' }) quietHours: QuietHoursSchema;
  @ApiProperty({ example: 10, description: '"Your turn is near" when the low end of the remaining wait falls below this many minutes (travel buffer)' }) turnNearMinutes: number;
  @ApiProperty({ example: 5, description: 'At most this many SMS to one number per day' }) smsPerNumberPerDay: number;
  @ApiProperty({ description: 'The survey link after a visit' }) survey: boolean;
  @ApiProperty({ ...TEMPLATES(), description: `The site's overrides: ${TEMPLATES_DESCRIPTION}` }) templates: Record<string, Record<string, TemplateSchema>>;
  @ApiProperty({ ...TEMPLATES(), description: 'The built-in templates, same shape, every kind and language' }) defaultTemplates: Record<string, Record<string, TemplateSchema>>;
}

/**
 * Checked by validateNotificationSettings (libs/domain notify): each field optional, absent ones stay as they are.
 * The fields are `unknown` to the code (the domain check says what is wrong, as 400 invalid_notification_settings);
 * the decorators give the API's types.
 */
export class UpdateNotificationSettingsDto {
  @ApiPropertyOptional({ type: ChannelChangesSchema, example: { sms: true, email: false } }) @Allow() channels?: unknown;
  @ApiPropertyOptional({ type: 'integer', isArray: true, minItems: 0, maxItems: 5, example: [1440, 120], description: 'Minutes before the time, 10 minutes to 14 days' })
  @Allow()
  reminderOffsetsMinutes?: unknown;
  @ApiPropertyOptional({ type: QuietHoursSchema }) @Allow() quietHours?: unknown;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 120, example: 10 }) @Allow() turnNearMinutes?: unknown;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 50, example: 5 }) @Allow() smsPerNumberPerDay?: unknown;
  @ApiPropertyOptional({ type: Boolean }) @Allow() survey?: unknown;
  @ApiPropertyOptional({ ...TEMPLATES(), description: `Replaces the site's overrides: ${TEMPLATES_DESCRIPTION}` }) @Allow() templates?: unknown;
}

class DeliverySchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['appointment', 'ticket'] }) subject: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: string;
  @ApiProperty({ enum: NOTIFICATION_STATES }) state: string;
  @ApiProperty({ type: String, nullable: true, example: '+45 •• •• •1 23', description: 'Masked; null once erased on the retention schedule' }) contact: string | null;
  @ApiProperty({ example: 'da' }) language: string;
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) failedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledAt: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) error: string | null;
}

export class DeliveryLogSchema {
  @ApiProperty({ example: '2027-03-29' }) from: string;
  @ApiProperty({ example: '2027-03-29' }) to: string;
  @ApiProperty({ type: [DeliverySchema], description: 'Newest first, at most 2000' }) notifications: DeliverySchema[];
}

export class SmsReportAnswerSchema {
  @ApiProperty({ description: 'Messages whose state the report changed (0 or 1)' }) updated: number;
}
