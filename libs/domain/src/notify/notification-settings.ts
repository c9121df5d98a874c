import { invalid, ruleBroken } from '../errors';
import { TEMPLATE_KINDS, TEMPLATE_LANGUAGES, TEMPLATE_PARTS, TemplateKind, TemplateOverrides, checkTemplate } from './templates';

export const NOTIFY_CHANNELS = ['email', 'sms', 'push'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/**
 * A site's notification settings, stored sparse in site.settings.notifications
 * (the outbox triggers read reminderOffsetsMinutes, quietHours and survey from
 * there). A channel is on unless the admin turned it off, and only where the
 * operator configured it.
 */
export interface NotificationSettings {
  channels: Record<NotifyChannel, boolean>;
  /** Minutes before a booked time that a reminder is sent. */
  reminderOffsetsMinutes: number[];
  /** No reminder in these hours (site time); a reminder due in them goes at their end, or their start when that is too late. */
  quietHours: { from: string; to: string };
  /** "Your turn is near" when the low end of the remaining wait falls below this (the citizen's travel buffer). */
  turnNearMinutes: number;
  /** At most this many SMS to one number per day. */
  smsPerNumberPerDay: number;
  /** The survey link after a visit. */
  survey: boolean;
  templates: TemplateOverrides;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  channels: { email: true, sms: true, push: true },
  reminderOffsetsMinutes: [1440, 120],
  quietHours: { from: '22:00', to: '07:00' },
  turnNearMinutes: 10,
  smsPerNumberPerDay: 5,
  survey: false,
  templates: {},
};

/** The stored settings with defaults, channels off where not configured. */
export function notificationSettings(stored: unknown, configured?: Record<NotifyChannel, boolean>): NotificationSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<NotificationSettings>;
  const merged: NotificationSettings = { ...DEFAULT_NOTIFICATION_SETTINGS, ...s, channels: { ...DEFAULT_NOTIFICATION_SETTINGS.channels, ...(s.channels ?? {}) } };
  if (configured) for (const c of NOTIFY_CHANNELS) merged.channels[c] = merged.channels[c] && configured[c];
  return merged;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks an admin's change (any subset of the settings) and returns the
 * settings to store: malformed input is 400 `invalid_notification_settings`;
 * a channel the operator did not configure is 422 `channel_not_configured`;
 * a template that breaks a rule (too long for an SMS, a placeholder of
 * another kind, a CPR-shaped text) is 422 with the template's code.
 */
export function validateNotificationSettings(
  input: unknown,
  current: unknown,
  context: { configured: Record<NotifyChannel, boolean>; ticketingUrl: string },
): Partial<NotificationSettings> {
  const bad = (message: string) => invalid('invalid_notification_settings', message);
  if (!isObject(input)) throw bad('The notification settings must be an object.');
  const out: Partial<NotificationSettings> = { ...(isObject(current) ? (current as Partial<NotificationSettings>) : {}) };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue; // a field the request left out
    switch (key) {
      case 'channels': {
        if (!isObject(value) || Object.entries(value).some(([c, on]) => !(NOTIFY_CHANNELS as readonly string[]).includes(c) || typeof on !== 'boolean')) {
          throw bad('channels must be {email?, sms?, push?: true or false}.');
        }
        for (const [c, on] of Object.entries(value)) {
          if (on && !context.configured[c as NotifyChannel]) {
            throw ruleBroken('channel_not_configured', `The ${c} channel is not configured on this server, so it cannot be turned on.`, { channel: c });
          }
        }
        out.channels = { ...(out.channels ?? DEFAULT_NOTIFICATION_SETTINGS.channels), ...(value as Partial<Record<NotifyChannel, boolean>>) };
        break;
      }
      case 'reminderOffsetsMinutes':
        if (!Array.isArray(value) || value.length > 5 || !value.every((m) => isInt(m, 10, 14 * 1440)) || new Set(value).size !== value.length) {
          throw bad('reminderOffsetsMinutes must be at most 5 different whole minutes, each 10…20160 (14 days).');
        }
        out.reminderOffsetsMinutes = [...(value as number[])].sort((a, b) => b - a);
        break;
      case 'quietHours':
        if (!isObject(value) || Object.keys(value).some((k) => k !== 'from' && k !== 'to') || !TIME.test(String(value.from)) || !TIME.test(String(value.to)) || value.from === value.to) {
          throw bad('quietHours must be {from: "HH:MM", to: "HH:MM"}, two different times (22:00–07:00 spans midnight).');
        }
        out.quietHours = { from: value.from as string, to: value.to as string };
        break;
      case 'turnNearMinutes':
        if (!isInt(value, 1, 120)) throw bad('turnNearMinutes must be a whole number of minutes, 1…120.');
        out.turnNearMinutes = value;
        break;
      case 'smsPerNumberPerDay':
        if (!isInt(value, 1, 50)) throw bad('smsPerNumberPerDay must be a whole number, 1…50.');
        out.smsPerNumberPerDay = value;
        break;
      case 'survey':
        if (typeof value !== 'boolean') throw bad('survey must be true or false.');
        out.survey = value;
        break;
      case 'templates':
        out.templates = validateTemplates(value, context.ticketingUrl);
        break;
      default:
        throw bad(`${key} is not a notification setting.`);
    }
  }
  return out;
}

function validateTemplates(value: unknown, ticketingUrl: string): TemplateOverrides {
  const bad = (message: string) => invalid('invalid_notification_settings', message);
  if (!isObject(value)) throw bad('templates must be {kind: {language: {sms?, subject?, text?}}}.');
  const out: TemplateOverrides = {};
  for (const [kind, languages] of Object.entries(value)) {
    if (!(TEMPLATE_KINDS as readonly string[]).includes(kind)) throw bad(`templates: ${kind} is not a kind of message (${TEMPLATE_KINDS.join(', ')}).`);
    if (!isObject(languages)) throw bad(`templates.${kind} must be {da?, en?, de?}.`);
    for (const [language, parts] of Object.entries(languages)) {
      if (!(TEMPLATE_LANGUAGES as readonly string[]).includes(language)) throw bad(`templates.${kind}: ${language} is not a language (da, en, de).`);
      if (!isObject(parts)) throw bad(`templates.${kind}.${language} must be {sms?, subject?, text?}.`);
      for (const [part, text] of Object.entries(parts)) {
        if (!(TEMPLATE_PARTS as readonly string[]).includes(part)) throw bad(`templates.${kind}.${language}: ${part} is not a part (sms, subject, text).`);
        if (typeof text !== 'string' || text.length > (part === 'text' ? 2000 : 300)) throw bad(`templates.${kind}.${language}.${part} must be a text of at most ${part === 'text' ? 2000 : 300} characters.`);
        const problem = checkTemplate(kind as TemplateKind, part as 'sms', text, ticketingUrl);
        if (problem) throw ruleBroken(problem.code, problem.message, { kind, language, part });
      }
      ((out[kind as TemplateKind] ??= {})[language as 'da'] = { ...(parts as Record<string, string>) });
    }
  }
  return out;
}
