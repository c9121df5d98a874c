import type { StaffFiguresNotice } from '@skranke/domain';

/** A list entry staff pick from: a stable key (stored on encounters and tickets) and what each language calls it. */
export interface LabelledItem {
  key: string;
  labels: { da: string; en: string; de: string };
}

const item = (key: string, da: string, en: string, de: string): LabelledItem => ({ key, labels: { da, en, de } });

/** The lists a new site starts with (and the labels migration 1795541400000 gave the old English defaults). */
export const DEFAULT_TOPICS = [
  item('opening-hours', 'Åbningstider', 'Opening hours', 'Öffnungszeiten'),
  item('digital-post', 'Digital Post', 'Digital Post', 'Digitale Post'),
  item('mitid', 'MitID', 'MitID', 'MitID'),
  item('passport-pickup', 'Afhentning af pas', 'Passport pick-up', 'Passabholung'),
  item('forms', 'Blanketter', 'Forms', 'Formulare'),
];
export const DEFAULT_REFERRAL_TARGETS = [
  item('udbetaling-danmark', 'Udbetaling Danmark', 'Udbetaling Danmark (Payments Denmark)', 'Udbetaling Danmark (Auszahlung Dänemark)'),
  item('skat', 'Skattestyrelsen', 'Danish Tax Agency (SKAT)', 'Dänische Steuerbehörde (SKAT)'),
  item('back-office', 'Bagland', 'Back office', 'Sachbearbeitung'),
  item('other-department', 'Anden afdeling', 'Another department', 'Andere Abteilung'),
];
export const DEFAULT_FLAGS = [
  item('interpreter', 'Tolk', 'Interpreter', 'Dolmetscher'),
  item('step-free-access', 'Niveaufri adgang', 'Step-free access', 'Barrierefreier Zugang'),
  item('first-time-digital', 'Ny digital bruger', 'New to digital', 'Digital unerfahren'),
  item('forgot-mitid', 'Glemt MitID', 'Forgot MitID', 'MitID vergessen'),
];

/** A list entry as stored before labels (a plain text) reads as that text in every language, its key the text itself. */
export function labelledItem(value: LabelledItem | string): LabelledItem {
  return typeof value === 'string' ? item(value, value, value, value) : value;
}

/** Per-site knobs with their defaults; stored sparse in site.settings. */
export interface SiteSettings {
  /** Share of a service's target at which a waiting ticket raises a warning. */
  waitWarningShare: number;
  /** Hours after a ticket ends before note, flags and phone are erased. */
  retentionHours: number;
  /** Days the audit log keeps an act at the site (default 365); older entries are deleted, older events no longer shown. */
  auditRetentionDays?: number;
  noShowMinRecalls: number;
  noShowAfterSeconds: number;
  /** Minutes a counter may stay paused before the floor and the dashboard get an alert. */
  pauseAlertMinutes: number;
  /** What a floor-walker resolves on the spot, where it refers to, and the flags on a ticket: keys with labels per language. */
  topics: LabelledItem[];
  referralTargets: LabelledItem[];
  flags: LabelledItem[];
  /** Where citizens book an appointment (shown by the kiosk's closing-time warning). */
  bookingUrl?: string;
  /** How early and late a booked citizen may check in. */
  appointmentWindow?: { earlyMinutes: number; lateMinutes: number };
  /** Who may frame the wait-times widgets: origins (`https://www.odense.dk`, `https://*.odense.dk`) or ['*']; unset: anyone; []: no one. */
  widgetFrameAncestors?: string[];
  /** The waiting-room displays: 'on' announces calls without a tap (their browsers allow autoplay, see README), 'ask' offers the tap when sound is blocked. */
  displaySound?: 'ask' | 'on';
  /** The kiosk's look: a logo (https address or a small SVG/PNG data URI) and the colour of its buttons (#rrggbb, AA contrast with white). */
  branding?: SiteBranding;
  /** Booking (issue 19): how many future bookings one phone number or e-mail may hold, minutes before a cancelled time is offered again, the largest default booking share. */
  booking?: Partial<BookingSettings>;
  /** Per-person staff figures (issue 21 item 7): absent = off; set only through PUT /sites/:siteId/staff-figures with six weeks' notice. */
  staffFigures?: StaffFiguresNotice;
}

export interface BookingSettings {
  contactLimit: number;
  rebookDelayMinutes: number;
  maxShare: number;
}

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = { contactLimit: 3, rebookDelayMinutes: 10, maxShare: 0.8 };

export function bookingSettings(settings: Partial<SiteSettings> | null | undefined): BookingSettings {
  return { ...DEFAULT_BOOKING_SETTINGS, ...(settings?.booking ?? {}) };
}

export interface SiteBranding {
  logo?: string;
  primaryColor?: string;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  waitWarningShare: 0.75,
  retentionHours: 24,
  noShowMinRecalls: 1,
  noShowAfterSeconds: 120,
  pauseAlertMinutes: 15,
  topics: DEFAULT_TOPICS,
  referralTargets: DEFAULT_REFERRAL_TARGETS,
  flags: DEFAULT_FLAGS,
};

export function siteSettings(stored: Partial<SiteSettings> | null | undefined): SiteSettings {
  const settings = { ...DEFAULT_SITE_SETTINGS, ...(stored ?? {}) };
  const lists = (v: (LabelledItem | string)[]) => v.map(labelledItem);
  return { ...settings, topics: lists(settings.topics), referralTargets: lists(settings.referralTargets), flags: lists(settings.flags) };
}
