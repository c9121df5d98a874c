import { containsCprNumber } from '../privacy/cpr';
import { SMS_MAX_SEPTETS, firstNonGsm7, gsm7Length } from './gsm7';

/**
 * What the outbox sends, per kind and language: an SMS text (also a push
 * message's body), an e-mail subject (also a push message's title) and an
 * e-mail text. Defaults live here; an admin may override any of them per site
 * (settings.notifications.templates). Templates may only use the placeholders
 * of their kind, which are filled from the row's allow-listed parameters:
 * never a note, a name or a CPR number.
 */
export const TEMPLATE_KINDS = ['booking-confirmation', 'booking-reminder', 'booking-moved', 'booking-cancelled', 'turn-near', 'turn-called', 'survey'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_LANGUAGES = ['da', 'en', 'de'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export const TEMPLATE_PARTS = ['sms', 'subject', 'text'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type Template = Record<TemplatePart, string>;
export type TemplateOverrides = Partial<Record<TemplateKind, Partial<Record<TemplateLanguage, Partial<Template>>>>>;

export const PLACEHOLDERS = ['code', 'service', 'time', 'site', 'counter', 'number', 'manageUrl', 'surveyUrl'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

const BOOKING: Placeholder[] = ['code', 'service', 'time', 'site', 'manageUrl'];
export const KIND_PLACEHOLDERS: Record<TemplateKind, Placeholder[]> = {
  'booking-confirmation': BOOKING,
  'booking-reminder': BOOKING,
  'booking-moved': BOOKING,
  'booking-cancelled': ['code', 'service', 'time', 'site'],
  'turn-near': ['number', 'service', 'site'],
  'turn-called': ['number', 'service', 'site', 'counter'],
  survey: ['number', 'site', 'surveyUrl'],
};

/** The longest a filled placeholder may be: names are cut to it when rendered, so a template that fits with these always fits. */
export const PLACEHOLDER_MAX: Record<Exclude<Placeholder, 'manageUrl' | 'surveyUrl'>, number> = {
  code: 8,
  service: 26,
  time: 16,
  site: 30,
  counter: 16,
  number: 6,
};

/** The links' lengths follow from the ticketing app's address: /appointment/<32-character key>, /t/<32-character key>. */
export const linkLengths = (ticketingUrl: string) => ({ manageUrl: ticketingUrl.length + '/appointment/'.length + 32, surveyUrl: ticketingUrl.length + '/t/'.length + 32 });

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name as Placeholder] ?? '');
}

export interface TemplateProblem {
  code: 'template_placeholder' | 'template_too_long' | 'template_not_gsm7' | 'template_personal_data' | 'template_empty';
  message: string;
}

/** Checks one template part; `null` when it is fine. */
export function checkTemplate(kind: TemplateKind, part: TemplatePart, template: string, ticketingUrl: string): TemplateProblem | null {
  const where = `${kind} ${part}`;
  if (!template.trim()) return { code: 'template_empty', message: `The ${where} template is empty.` };
  if (containsCprNumber(template)) return { code: 'template_personal_data', message: `The ${where} template contains something shaped like a CPR number; messages never carry one.` };
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KIND_PLACEHOLDERS[kind].includes(name as Placeholder)) {
      return { code: 'template_placeholder', message: `{${name}} is not a placeholder of ${kind}; use ${KIND_PLACEHOLDERS[kind].map((p) => `{${p}}`).join(', ')}.` };
    }
  }
  if (part !== 'sms') return null;
  const bad = firstNonGsm7(template.replace(PLACEHOLDER, ''));
  if (bad !== null) return { code: 'template_not_gsm7', message: `The ${where} template has "${bad}", which is not in the GSM-7 alphabet of an SMS.` };
  const longest = fillTemplate(template, longestValues(ticketingUrl));
  const length = gsm7Length(longest) ?? Infinity;
  if (length > SMS_MAX_SEPTETS) {
    return { code: 'template_too_long', message: `The ${where} template is ${length} GSM-7 characters with the longest values filled in; an SMS holds ${SMS_MAX_SEPTETS}.` };
  }
  return null;
}

/** Every placeholder at its longest plausible value (GSM-7 letters). */
export function longestValues(ticketingUrl: string): TemplateValues {
  const links = linkLengths(ticketingUrl);
  const values: TemplateValues = {};
  for (const [name, max] of Object.entries({ ...PLACEHOLDER_MAX, ...links })) values[name as Placeholder] = 'x'.repeat(max);
  return values;
}

/** The template to use: the site's override of a part, else the default. */
export function templateFor(kind: TemplateKind, language: string, overrides: TemplateOverrides | undefined): Template {
  const lang: TemplateLanguage = (TEMPLATE_LANGUAGES as readonly string[]).includes(language) ? (language as TemplateLanguage) : 'da';
  return { ...DEFAULT_TEMPLATES[kind][lang], ...(overrides?.[kind]?.[lang] ?? {}) };
}

type Defaults = Record<TemplateKind, Record<TemplateLanguage, Template>>;

export const DEFAULT_TEMPLATES: Defaults = {
  'booking-confirmation': {
    da: {
      sms: 'Booket: {service} {time}. Kode {code}. {manageUrl}',
      subject: 'Din tid er booket: {service} {time}',
      text: 'Du har booket en tid.\n\n{service}\n{time}\n{site}\n\nDin kode til standeren: {code}\nFlyt eller aflys: {manageUrl}\n\nTiden er vedhæftet som kalenderfil.',
    },
    en: {
      sms: 'Booked: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Your time is booked: {service} {time}',
      text: 'You have booked a time.\n\n{service}\n{time}\n{site}\n\nYour code for the kiosk: {code}\nMove or cancel: {manageUrl}\n\nThe time is attached as a calendar file.',
    },
    de: {
      sms: 'Gebucht: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Ihr Termin ist gebucht: {service} {time}',
      text: 'Sie haben einen Termin gebucht.\n\n{service}\n{time}\n{site}\n\nIhr Code für das Terminal: {code}\nVerschieben oder absagen: {manageUrl}\n\nDer Termin ist als Kalenderdatei angehängt.',
    },
  },
  'booking-reminder': {
    da: {
      sms: 'Husk: {service} {time}. Kode {code}. {manageUrl}',
      subject: 'Husk din tid: {service} {time}',
      text: 'Husk din tid.\n\n{service}\n{time}\n{site}\n\nDin kode til standeren: {code}\nFlyt eller aflys: {manageUrl}',
    },
    en: {
      sms: 'Reminder: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Reminder: {service} {time}',
      text: 'A reminder of your time.\n\n{service}\n{time}\n{site}\n\nYour code for the kiosk: {code}\nMove or cancel: {manageUrl}',
    },
    de: {
      sms: 'Erinnerung: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Erinnerung: {service} {time}',
      text: 'Eine Erinnerung an Ihren Termin.\n\n{service}\n{time}\n{site}\n\nIhr Code für das Terminal: {code}\nVerschieben oder absagen: {manageUrl}',
    },
  },
  'booking-moved': {
    da: {
      sms: 'Ny tid: {service} {time}. Kode {code}. {manageUrl}',
      subject: 'Din tid er flyttet: {service} {time}',
      text: 'Din tid er flyttet.\n\n{service}\n{time}\n{site}\n\nDin kode til standeren: {code}\nFlyt eller aflys: {manageUrl}\n\nDen nye tid er vedhæftet som kalenderfil.',
    },
    en: {
      sms: 'New time: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Your time has moved: {service} {time}',
      text: 'Your time has moved.\n\n{service}\n{time}\n{site}\n\nYour code for the kiosk: {code}\nMove or cancel: {manageUrl}\n\nThe new time is attached as a calendar file.',
    },
    de: {
      sms: 'Verschoben: {service} {time}. Code {code}. {manageUrl}',
      subject: 'Ihr Termin wurde verschoben: {service} {time}',
      text: 'Ihr Termin wurde verschoben.\n\n{service}\n{time}\n{site}\n\nIhr Code für das Terminal: {code}\nVerschieben oder absagen: {manageUrl}\n\nDer neue Termin ist als Kalenderdatei angehängt.',
    },
  },
  'booking-cancelled': {
    da: {
      sms: 'Aflyst: {service} {time} hos {site}. Du er velkommen til at booke en ny tid.',
      subject: 'Din tid er aflyst: {service} {time}',
      text: 'Din tid er aflyst.\n\n{service}\n{time}\n{site}\n\nDu er velkommen til at booke en ny tid.',
    },
    en: {
      sms: 'Cancelled: {service} {time} at {site}. You are welcome to book a new time.',
      subject: 'Your time is cancelled: {service} {time}',
      text: 'Your time is cancelled.\n\n{service}\n{time}\n{site}\n\nYou are welcome to book a new time.',
    },
    de: {
      sms: 'Abgesagt: {service} {time}, {site}. Sie können gern einen neuen Termin buchen.',
      subject: 'Ihr Termin ist abgesagt: {service} {time}',
      text: 'Ihr Termin ist abgesagt.\n\n{service}\n{time}\n{site}\n\nSie können gern einen neuen Termin buchen.',
    },
  },
  'turn-near': {
    da: { sms: 'Nr. {number}: Det er snart din tur hos {site}. Kom tilbage nu.', subject: 'Snart din tur: nr. {number}', text: 'Det er snart din tur hos {site}.\n\nDit nummer: {number}\nKom tilbage nu.' },
    en: { sms: 'No. {number}: Your turn at {site} is near. Please come back now.', subject: 'Your turn is near: no. {number}', text: 'Your turn at {site} is near.\n\nYour number: {number}\nPlease come back now.' },
    de: { sms: 'Nr. {number}: Sie sind bald dran, {site}. Bitte kommen Sie jetzt zurück.', subject: 'Sie sind bald dran: Nr. {number}', text: 'Sie sind bald dran, {site}.\n\nIhre Nummer: {number}\nBitte kommen Sie jetzt zurück.' },
  },
  'turn-called': {
    da: { sms: 'Nr. {number}: Det er din tur. Gå til {counter}.', subject: 'Det er din tur: {counter}', text: 'Det er din tur.\n\nDit nummer: {number}\nGå til {counter}.' },
    en: { sms: 'No. {number}: It is your turn. Please go to {counter}.', subject: 'It is your turn: {counter}', text: 'It is your turn.\n\nYour number: {number}\nPlease go to {counter}.' },
    de: { sms: 'Nr. {number}: Sie sind dran. Bitte gehen Sie zu {counter}.', subject: 'Sie sind dran: {counter}', text: 'Sie sind dran.\n\nIhre Nummer: {number}\nBitte gehen Sie zu {counter}.' },
  },
  survey: {
    da: { sms: 'Tak for besøget hos {site}. Hvordan gik det? {surveyUrl}', subject: 'Hvordan gik dit besøg?', text: 'Tak for besøget hos {site}.\n\nFortæl os, hvordan det gik: {surveyUrl}' },
    en: { sms: 'Thank you for visiting {site}. How did it go? {surveyUrl}', subject: 'How was your visit?', text: 'Thank you for visiting {site}.\n\nTell us how it went: {surveyUrl}' },
    de: { sms: 'Danke für Ihren Besuch, {site}. Wie war es? {surveyUrl}', subject: 'Wie war Ihr Besuch?', text: 'Danke für Ihren Besuch, {site}.\n\nSagen Sie uns, wie es war: {surveyUrl}' },
  },
};
