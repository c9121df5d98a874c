/**
 * Who may book which time: minimum notice, the furthest day (which opens at the
 * site's release time, not at midnight, so a bot up at night gains nothing), and
 * the contact a booking may carry.
 */
import { Temporal } from 'temporal-polyfill';
import { invalid } from '../errors';
import { containsCprNumber } from '../privacy/cpr';

export interface BookingRules {
  minNoticeMinutes: number;
  maxDaysAhead: number;
  cancelCutoffMinutes: number;
}

export const DEFAULT_BOOKING_RULES: BookingRules = { minNoticeMinutes: 60, maxDaysAhead: 30, cancelCutoffMinutes: 120 };

/**
 * The last date a citizen can book at `now`: today + maxDaysAhead once the
 * site's release clock ("08:00") has passed today, else one day less.
 */
export function lastBookableDate(now: Date, timeZone: string, maxDaysAhead: number, releaseClock: string): string {
  const here = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
  const released = Temporal.PlainTime.compare(here.toPlainTime(), Temporal.PlainTime.from(releaseClock)) >= 0;
  return here.toPlainDate().add({ days: released ? maxDaysAhead : maxDaysAhead - 1 }).toString();
}

export interface Contact {
  phone?: string;
  email?: string;
}

const PHONE = /^\+45[0-9]{8}$/;
// An address as people type it: something@domain.tld, no spaces, at most 254 characters.
const EMAIL = /^[^\s@<>(),;:"\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * The one contact a booking may hold, normalised (`+4512345678`, a lower-case
 * e-mail). A Danish mobile number is `+45` and 8 digits (spaces allowed); not
 * both a number and an address. 400 `invalid_contact` otherwise.
 */
export function normaliseContact(contact: unknown): Contact | null {
  if (contact === undefined || contact === null) return null;
  const bad = (why: string) => invalid('invalid_contact', why);
  if (typeof contact !== 'object' || Array.isArray(contact)) throw bad('contact must be {phone} or {email}.');
  const { phone, email, ...rest } = contact as Record<string, unknown>;
  if (Object.keys(rest).length) throw bad('contact takes only phone or email.');
  if (phone !== undefined && email !== undefined) throw bad('Give a mobile number or an e-mail address, not both.');
  if (phone !== undefined) {
    if (typeof phone !== 'string' || phone.length > 24) throw bad('phone must be a Danish mobile number: +45 and 8 digits.');
    const compact = phone.replace(/ /g, '');
    if (!PHONE.test(compact)) throw bad('phone must be a Danish mobile number: +45 and 8 digits.');
    return { phone: compact };
  }
  if (email !== undefined) {
    if (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email.trim())) throw bad('email must be an e-mail address.');
    if (containsCprNumber(email)) throw invalid('cpr_not_allowed', 'A CPR number may not be stored.');
    return { email: email.trim().toLowerCase() };
  }
  return null;
}
