import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORDERING_POLICIES,
  type OpeningException,
  type OpeningHours,
  type OpeningInterval,
  type OrderingPolicy,
  type OrderingSettings,
  type StaffFiguresNotice,
} from '@skranke/domain';
import type { LabelledItem, SiteBranding, SiteSettings } from '@skranke/persistence';
import type { siteView } from './sites.service';

/**
 * A site as the configuration answers it, for `@ApiOkResponse({ type })`: the
 * pages' API types are generated from these. Each class `implements` its view,
 * so the compiler keeps schema and answer alike.
 */
export class OpeningIntervalSchema implements OpeningInterval {
  @ApiProperty({ example: '08:00' }) opens: string;
  @ApiProperty({ example: '16:00' }) closes: string;
}

export class WeeklyHoursSchema {
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) mon?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) tue?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) wed?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) thu?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) fri?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) sat?: OpeningIntervalSchema[];
  @ApiPropertyOptional({ type: [OpeningIntervalSchema] }) sun?: OpeningIntervalSchema[];
}

export class OpeningExceptionSchema implements OpeningException {
  @ApiProperty({ example: '2026-12-24', description: 'Date at the site' }) date: string;
  @ApiProperty({ type: [OpeningIntervalSchema], description: 'Empty: closed all day' }) intervals: OpeningIntervalSchema[];
  @ApiPropertyOptional() reason?: string;
}

export class OpeningHoursSchema implements OpeningHours {
  @ApiProperty({ type: WeeklyHoursSchema }) weekly: WeeklyHoursSchema;
  @ApiPropertyOptional({ type: [OpeningExceptionSchema] }) exceptions?: OpeningExceptionSchema[];
}

export class OrderingSchema implements OrderingSettings {
  @ApiProperty({ enum: ORDERING_POLICIES }) policy: OrderingPolicy;
  @ApiProperty() priorityHeadStartMinutes: number;
  @ApiProperty() preferenceDecay: number;
  @ApiProperty() appointmentCallAheadMinutes: number;
}

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

export class AppointmentWindowSchema {
  @ApiProperty() earlyMinutes: number;
  @ApiProperty() lateMinutes: number;
}

export class BrandingSchema implements SiteBranding {
  @ApiPropertyOptional({ description: 'https address, or a data:image/svg+xml or data:image/png URI' }) logo?: string;
  @ApiPropertyOptional({ example: '#00507a', description: 'Kiosk button colour #rrggbb, at least 4.5:1 against white' }) primaryColor?: string;
}

export class BookingSettingsSchema {
  @ApiPropertyOptional({ description: 'Future bookings one phone number or e-mail may hold at the site (1…50; default 3)' }) contactLimit?: number;
  @ApiPropertyOptional({ description: 'Minutes before a cancelled or moved-from time is offered again (0…240; default 10)' }) rebookDelayMinutes?: number;
  @ApiPropertyOptional({ description: 'The largest booking share the walk-in forecast may give (0…1; default 0.8)' }) maxShare?: number;
}

/** The site's notice of per-person figures as stored; whether they are on follows from startsOn and the site's today. */
export class StaffFiguresSettingSchema implements StaffFiguresNotice {
  @ApiProperty({ description: 'Why the site uses per-person figures, as told to the staff' }) purpose: string;
  @ApiProperty({ example: '2027-03-01', description: "The first day per-person figures are shown and cover (the site's calendar)" }) startsOn: string;
  @ApiProperty({ example: '2027-01-18', description: 'The day this notice was given' }) noticeGivenOn: string;
}

export class SiteSettingsSchema implements SiteSettings {
  @ApiProperty({ description: "Share of a service's target at which a waiting ticket raises a warning (0.05…1)" }) waitWarningShare: number;
  @ApiProperty({ description: 'Hours after a ticket ends before note, flags and phone are erased' }) retentionHours: number;
  @ApiPropertyOptional({ description: 'Days the audit log keeps an act (30…3650; default 365)' }) auditRetentionDays?: number;
  @ApiProperty() noShowMinRecalls: number;
  @ApiProperty() noShowAfterSeconds: number;
  @ApiProperty({ description: 'Minutes a counter may stay paused before an alert' }) pauseAlertMinutes: number;
  @ApiProperty({ type: [LabelledItemSchema] }) topics: LabelledItemSchema[];
  @ApiProperty({ type: [LabelledItemSchema] }) referralTargets: LabelledItemSchema[];
  @ApiProperty({ type: [LabelledItemSchema] }) flags: LabelledItemSchema[];
  @ApiPropertyOptional() bookingUrl?: string;
  @ApiPropertyOptional({ type: AppointmentWindowSchema }) appointmentWindow?: AppointmentWindowSchema;
  @ApiPropertyOptional({ type: [String], description: "Origins that may frame the widgets, or ['*']; unset: anyone" }) widgetFrameAncestors?: string[];
  @ApiPropertyOptional({ enum: ['ask', 'on'], description: "Waiting-room displays: 'on' announces without a tap, 'ask' offers the tap when sound is blocked" }) displaySound?: 'ask' | 'on';
  @ApiPropertyOptional({ type: BrandingSchema }) branding?: BrandingSchema;
  @ApiPropertyOptional({ type: BookingSettingsSchema }) booking?: BookingSettingsSchema;
  @ApiPropertyOptional({
    type: StaffFiguresSettingSchema,
    description: 'Per-person figures: absent = off. Read-only here: given with PUT and switched off with DELETE /sites/{siteId}/staff-figures',
  })
  staffFigures?: StaffFiguresSettingSchema;
}

export class SiteSchema implements ReturnType<typeof siteView> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'kbh-raadhus' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone: string;
  @ApiProperty({ type: OpeningHoursSchema }) openingHours: OpeningHoursSchema;
  @ApiProperty({ type: OrderingSchema }) ordering: OrderingSchema;
  @ApiProperty({ type: SiteSettingsSchema }) settings: SiteSettingsSchema;
}
