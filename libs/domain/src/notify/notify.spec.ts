import { firstNonGsm7, gsm7Length, toGsm7 } from './gsm7';
import { maskContact, maskEmail, maskPhone, smsNumberAllowed } from './contact';
import { DEFAULT_TEMPLATES, KIND_PLACEHOLDERS, TEMPLATE_KINDS, TEMPLATE_LANGUAGES, checkTemplate, fillTemplate, templateFor } from './templates';

describe('GSM-7', () => {
  it('counts the basic alphabet once, the extension table twice, and has no length for what is not in it', () => {
    expect(gsm7Length('Hej Søren, Æbleø å')).toBe(18);
    expect(gsm7Length('€[]{}')).toBe(10);
    expect(gsm7Length('Grüße aus München')).toBe(17);
    expect(gsm7Length('ça')).toBeNull(); // lower-case ç is not GSM-7 (only Ç)
    expect(gsm7Length('👍')).toBeNull();
    expect(firstNonGsm7('ok – not')).toBe('–');
  });

  it('writes a name in GSM-7: look-alikes replaced, the rest dropped', () => {
    expect(toGsm7('Pas – kørekort’s “nye”')).toBe('Pas - kørekort\'s "nye"');
    expect(toGsm7('Borgerservice 👋')).toBe('Borgerservice ');
  });
});

describe('contacts', () => {
  it('allows Danish numbers only by default', () => {
    expect(smsNumberAllowed('+4512345678')).toBe(true);
    expect(smsNumberAllowed('+451234567')).toBe(false); // 7 digits
    expect(smsNumberAllowed('+12025550123')).toBe(false);
    expect(smsNumberAllowed('+298123456')).toBe(false);
    expect(smsNumberAllowed('+298123456', ['+45', '+298'])).toBe(true);
    expect(smsNumberAllowed('4512345678')).toBe(false);
  });

  it('masks a number and an address, and shows only the push service of a subscription', () => {
    expect(maskPhone('+4512345123')).toBe('+45 •• •• •1 23');
    expect(maskPhone('+12025550123')).toBe('+••••••••123');
    expect(maskEmail('borger@example.dk')).toBe('b•••@example.dk');
    expect(maskContact('push', JSON.stringify({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: {} }))).toBe('push: fcm.googleapis.com');
    expect(maskContact('sms', null)).toBeNull();
  });
});

describe('templates', () => {
  const url = 'https://borgerservice.kobenhavn.kommune.dk';

  it('every default template passes its own check, every SMS within 160 GSM-7 characters with the longest values, for a 42-character address', () => {
    for (const kind of TEMPLATE_KINDS) {
      for (const language of TEMPLATE_LANGUAGES) {
        for (const [part, text] of Object.entries(DEFAULT_TEMPLATES[kind][language])) {
          expect({ kind, language, part, problem: checkTemplate(kind, part as 'sms', text, url) }).toEqual({ kind, language, part, problem: null });
        }
      }
    }
  });

  it('refuses a placeholder of another kind and what is over 160', () => {
    expect(checkTemplate('turn-near', 'sms', 'Go to {counter}', url)?.code).toBe('template_placeholder');
    expect(checkTemplate('booking-reminder', 'sms', `${'x'.repeat(100)} {manageUrl}`, url)?.code).toBe('template_too_long');
    expect(checkTemplate('booking-reminder', 'text', `${'x'.repeat(1000)} {manageUrl}`, url)).toBeNull();
    expect(checkTemplate('survey', 'subject', 'CPR 010190-1234', url)?.code).toBe('template_personal_data');
    expect(KIND_PLACEHOLDERS.survey).toContain('surveyUrl');
  });

  it('fills placeholders and uses the site’s override of one part only', () => {
    expect(fillTemplate('{a} {code}', { code: 'AB12CD' })).toBe(' AB12CD');
    const t = templateFor('turn-called', 'en', { 'turn-called': { en: { sms: 'Go to {counter} now' } } });
    expect(t.sms).toBe('Go to {counter} now');
    expect(t.subject).toBe(DEFAULT_TEMPLATES['turn-called'].en.subject);
    expect(templateFor('turn-called', 'fr', undefined)).toEqual(DEFAULT_TEMPLATES['turn-called'].da);
  });
});
