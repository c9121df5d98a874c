/**
 * GSM 03.38 (GSM-7), the alphabet a single SMS of 160 characters is written in.
 * Characters of the extension table take two septets (an escape and the
 * character); anything else forces UCS-2 and 70 characters, so we refuse it.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export const SMS_MAX_SEPTETS = 160;

/** Septets the text takes in GSM-7, or null when a character is not in GSM-7. */
export function gsm7Length(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (basic.has(ch)) n += 1;
    else if (extension.has(ch)) n += 2;
    else return null;
  }
  return n;
}

/** The first character that is not GSM-7, if any (for the refusal's message). */
export function firstNonGsm7(text: string): string | null {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return ch;
  return null;
}

const LOOKALIKES: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2013': '-', '\u2014': '-', '\u2026': '...',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u00e1': 'a', '\u00e2': 'a', '\u00ea': 'e', '\u00eb': 'e', '\u00ed': 'i', '\u00f3': 'o', '\u00f4': 'o', '\u00fa': 'u',
};

/** A parameter (a service or site name) written in GSM-7: look-alikes replaced, anything else dropped. */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extension.has(ch)) out += ch;
    else if (LOOKALIKES[ch] !== undefined) out += LOOKALIKES[ch];
  }
  return out;
}
