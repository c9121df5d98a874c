import { invalid } from '@skranke/domain';
import { BookingSettings, LabelledItem, SiteSettings } from '@skranke/persistence';
import { validateBranding } from './branding.validation';

const NUMBERS: Record<string, [number, number]> = {
  waitWarningShare: [0.05, 1],
  retentionHours: [0, 24 * 30],
  auditRetentionDays: [30, 3650],
  noShowMinRecalls: [0, 10],
  noShowAfterSeconds: [0, 3600],
  pauseAlertMinutes: [0, 240],
};
const LISTS = ['topics', 'referralTargets', 'flags'];
/** An origin a widget may be framed by: http(s), a host (its first label may be `*`), a port; no path, no quotes or separators. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const EMBEDDER = new RegExp(`^https?://(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*(?::\\d{1,5})?$`);

/** Site settings are free-form JSON in the API; only known keys with sane values get stored. */
export function validateSiteSettings(input: Record<string, unknown>): Partial<SiteSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (NUMBERS[key]) {
      const [min, max] = NUMBERS[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        throw invalid('invalid_settings', `settings.${key} must be a number ${min}…${max}.`);
      }
    } else if (key === 'bookingUrl') {
      if (typeof value !== 'string' || value.length > 300 || !/^https?:\/\/\S+$/.test(value)) {
        throw invalid('invalid_settings', 'settings.bookingUrl must be an http(s) address of at most 300 characters.');
      }
    } else if (key === 'appointmentWindow') {
      const w = value as { earlyMinutes?: unknown; lateMinutes?: unknown } | null;
      const ok = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
      if (!w || typeof w !== 'object' || Object.keys(w).some((k) => k !== 'earlyMinutes' && k !== 'lateMinutes') || !ok(w.earlyMinutes, 240) || !ok(w.lateMinutes, 120)) {
        throw invalid('invalid_settings', 'settings.appointmentWindow must be {earlyMinutes 0…240, lateMinutes 0…120}.');
      }
    } else if (key === 'widgetFrameAncestors') {
      const ok = Array.isArray(value) && value.length <= 20 && (value.every((v) => typeof v === 'string' && v.length <= 200 && EMBEDDER.test(v)) || (value.length === 1 && value[0] === '*'));
      if (!ok) {
        throw invalid('invalid_settings', 'settings.widgetFrameAncestors must be ["*"] or at most 20 origins such as https://www.odense.dk or https://*.odense.dk (lowercase, no path).');
      }
    } else if (key === 'branding') {
      out[key] = validateBranding(value);
      continue;
    } else if (key === 'booking') {
      out[key] = bookingSettings(value);
      continue;
    } else if (key === 'displaySound') {
      if (value !== 'ask' && value !== 'on') throw invalid('invalid_settings', 'settings.displaySound must be "ask" or "on".');
    } else if (key === 'staffFigures') {
      // The notice rule needs today's date and the notice in force: its own endpoint, audited.
      throw invalid('invalid_settings', 'settings.staffFigures is set with PUT /sites/{siteId}/staff-figures and switched off with DELETE.');
    } else if (LISTS.includes(key)) {
      out[key] = labelledList(key, value);
      continue;
    } else {
      throw invalid('invalid_settings', `settings.${key} is not a known setting.`);
    }
    out[key] = value;
  }
  return out as Partial<SiteSettings>;
}

const shortText = (v: unknown): v is string => typeof v === 'string' && !!v.trim() && v.length <= 80;

/**
 * A topic, referral-target or flag list: each entry `{key, labels: {da, en?, de?}}`
 * (English and German fall back to the Danish label), or a plain text, which
 * becomes its own key and its label in every language.
 */
function labelledList(name: string, value: unknown): LabelledItem[] {
  const refuse = () => invalid('invalid_settings', `settings.${name} must be a list of at most 50 entries, each a short text or {key, labels: {da, en?, de?}} with unique keys.`);
  if (!Array.isArray(value) || value.length > 50) throw refuse();
  const items = value.map((v: unknown): LabelledItem => {
    if (shortText(v)) return { key: v, labels: { da: v, en: v, de: v } };
    const entry = v as { key?: unknown; labels?: { da?: unknown; en?: unknown; de?: unknown } } | null;
    if (!entry || typeof entry !== 'object' || !shortText(entry.key) || !entry.labels || typeof entry.labels !== 'object' || !shortText(entry.labels.da)) throw refuse();
    const { da, en, de } = entry.labels;
    if ((en !== undefined && !shortText(en)) || (de !== undefined && !shortText(de))) throw refuse();
    return { key: entry.key, labels: { da, en: (en as string | undefined) ?? da, de: (de as string | undefined) ?? da } };
  });
  if (new Set(items.map((i) => i.key)).size !== items.length) throw refuse();
  return items;
}

const BOOKING: Record<keyof BookingSettings, [number, number, boolean]> = {
  contactLimit: [1, 50, true],
  rebookDelayMinutes: [0, 240, true],
  maxShare: [0, 1, false],
};

/** The booking rules of the site (issue 19): only the keys named, each in its range; the others keep their defaults. */
function bookingSettings(value: unknown): Partial<BookingSettings> {
  const refuse = () => invalid('invalid_settings', 'settings.booking must be {contactLimit?: 1…50, rebookDelayMinutes?: 0…240, maxShare?: 0…1}.');
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw refuse();
  for (const [key, v] of Object.entries(value)) {
    const range = BOOKING[key as keyof BookingSettings];
    if (!range || typeof v !== 'number' || !Number.isFinite(v) || v < range[0] || v > range[1] || (range[2] && !Number.isInteger(v))) throw refuse();
  }
  return value as Partial<BookingSettings>;
}
