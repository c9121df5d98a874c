/**
 * A Danish CPR number is ddmmyy-xxxx. We refuse any free text that contains
 * something shaped like one, however it is spelt, because no CPR number may ever
 * be stored. The date part is checked so "1234567890" in a phone-like string is
 * not refused for nothing.
 */

/** Invisible characters (zero-width spaces, joiners, soft hyphens…) and combining marks hide nothing from us. */
const INVISIBLE = /[\p{Cf}\p{M}]/gu;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const DIGIT = /^\p{Nd}$/u;
const digitValues = new Map<number, string>();

/**
 * Unicode assigns decimal digits only in runs of ten, 0 to 9, so a digit's value
 * is its distance from the start of its run of digits, modulo 10.
 */
function asciiDigit(d: string): string {
  const cp = d.codePointAt(0)!;
  let value = digitValues.get(cp);
  if (value === undefined) {
    let start = cp;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((cp - start) % 10);
    digitValues.set(cp, value);
  }
  return value;
}

/**
 * The text as the CPR check sees it: compatibility forms folded (full-width and
 * superscript digits become ASCII), invisible characters dropped, and every
 * decimal digit of any script written as 0-9.
 */
export function normaliseDigits(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(NON_ASCII_DIGIT, asciiDigit);
}

/**
 * Day, month and year as two digits each, then four: between the parts any short run of characters
 * that are neither letters nor digits (dashes, dots, slashes, spaces of every kind), "010190-1234"
 * and "01 01 90 1234" alike.
 */
const CPR_SHAPE = /(?<!\d)(\d{2})[^\p{L}\p{N}]{0,3}(\d{2})[^\p{L}\p{N}]{0,3}\d{2}[^\p{L}\p{N}]*\d{4}(?!\d)/gu;

export function containsCprNumber(text: string): boolean {
  for (const match of normaliseDigits(text).matchAll(CPR_SHAPE)) {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return true;
  }
  return false;
}
