import type { Contact } from './api';

/** How the citizen wants a reminder: not at all, by SMS or by e-mail (a booking holds at most one contact). */
export type Reminder = 'none' | 'phone' | 'email';

// As the server checks them (normaliseContact in libs/domain/src/booking/booking-rules.ts), so the citizen learns at the field.
const PHONE = /^\+45[0-9]{8}$/;
const EMAIL = /^[^\s@<>(),;:"\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A Danish mobile number: +45 and 8 digits, spaces allowed. */
export const validPhone = (value: string) => value.length <= 24 && PHONE.test(value.replace(/ /g, ''));
/** An address as people type it: something@domain.tld, no spaces. */
export const validEmail = (value: string) => value.length <= 254 && EMAIL.test(value.trim());

/** The contact to send, or the key of the error text to show at the field. */
export function contactFor(reminder: Reminder, phone: string, email: string): { contact?: Contact; error?: string } {
  if (reminder === 'phone') return validPhone(phone) ? { contact: { phone: phone.trim() } } : { error: 'book.invalidPhone' };
  if (reminder === 'email') return validEmail(email) ? { contact: { email: email.trim() } } : { error: 'book.invalidEmail' };
  return {};
}
