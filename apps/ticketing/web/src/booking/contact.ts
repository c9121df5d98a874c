import type { Contact } from './api';

/** How the citizen wants a reminder: not at all, by SMS or by e-mail (a booking holds at most one contact). */
export type Reminder = 'none' | 'phone' | 'email';

/** As the server checks it: a Danish mobile number is +45 and 8 digits, spaces allowed anywhere. */
export const validPhone = (value: string) => /^\+45\d{8}$/.test(value.replace(/\s+/g, ''));
/** Something@something.tld, no spaces: the server decides the rest. */
export const validEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** The contact to send, or the key of the error text to show at the field. */
export function contactFor(reminder: Reminder, phone: string, email: string): { contact?: Contact; error?: string } {
  if (reminder === 'phone') return validPhone(phone) ? { contact: { phone: phone.trim() } } : { error: 'book.invalidPhone' };
  if (reminder === 'email') return validEmail(email) ? { contact: { email: email.trim() } } : { error: 'book.invalidEmail' };
  return {};
}
