/** Per-site knobs with their defaults; stored sparse in site.settings. */
export interface SiteSettings {
  /** Share of a service's target at which a waiting ticket raises a warning. */
  waitWarningShare: number;
  /** Hours after a ticket ends before note, flags and phone are erased. */
  retentionHours: number;
  noShowMinRecalls: number;
  noShowAfterSeconds: number;
  /** Minutes a counter may stay paused before the floor and the dashboard get an alert. */
  pauseAlertMinutes: number;
  topics: string[];
  referralTargets: string[];
  flags: string[];
  /** Where citizens book an appointment (shown by the kiosk's closing-time warning). */
  bookingUrl?: string;
  /** How early and late a booked citizen may check in. */
  appointmentWindow?: { earlyMinutes: number; lateMinutes: number };
  /** Who may frame the wait-times widgets: origins (`https://www.odense.dk`, `https://*.odense.dk`) or ['*']; unset: anyone; []: no one. */
  widgetFrameAncestors?: string[];
  /** The kiosk's look: a logo (https address or a small SVG/PNG data URI) and the colour of its buttons (#rrggbb, AA contrast with white). */
  branding?: SiteBranding;
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
  topics: ['Opening hours', 'Digital Post', 'MitID', 'Passport pick-up', 'Forms'],
  referralTargets: ['Udbetaling Danmark', 'SKAT', 'Back office', 'Another department'],
  flags: ['interpreter', 'step-free-access', 'first-time-digital', 'forgot-mitid'],
};

export function siteSettings(stored: Partial<SiteSettings> | null | undefined): SiteSettings {
  return { ...DEFAULT_SITE_SETTINGS, ...(stored ?? {}) };
}
