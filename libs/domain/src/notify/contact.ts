/**
 * Contacts as the outbox holds them: a phone number in E.164 (`+4512345678`),
 * an e-mail address, or a push subscription (JSON). The delivery log shows
 * them masked: `+45 •• •• •1 23`, `b•••@example.dk`.
 */

/** `+45` followed by 8 digits (the Danish numbering plan has no area codes). */
const DANISH = /^\+45\d{8}$/;

/** Whether an E.164 number may get an SMS: Danish numbers only unless other prefixes are allowed. */
export function smsNumberAllowed(e164: string, allowedPrefixes: readonly string[] = ['+45']): boolean {
  if (!/^\+\d{8,15}$/.test(e164)) return false;
  if (e164.startsWith('+45')) return allowedPrefixes.includes('+45') && DANISH.test(e164);
  return allowedPrefixes.some((p) => p !== '+45' && e164.startsWith(p));
}

export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (e164.startsWith('+45') && digits.length === 10) return `+45 •• •• •${digits[7]} ${digits.slice(8)}`;
  return `+${'•'.repeat(Math.max(0, digits.length - 3))}${digits.slice(-3)}`;
}

export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}

/** A push subscription shows as the push service's host only (its endpoint is a bearer credential). */
export function maskPush(subscription: string): string {
  try {
    return `push: ${new URL((JSON.parse(subscription) as { endpoint: string }).endpoint).host}`;
  } catch {
    return 'push';
  }
}

export function maskContact(channel: 'email' | 'sms' | 'push', contact: string | null): string | null {
  if (contact === null) return null;
  return channel === 'sms' ? maskPhone(contact) : channel === 'email' ? maskEmail(contact) : maskPush(contact);
}
