/**
 * A Danish CPR number is ddmmyy-xxxx. We refuse any free text that contains
 * something shaped like one (with or without the dash or a space), because no
 * CPR number may ever be stored. The date part is checked so "1234567890" in a
 * phone-like string is not refused for nothing.
 */
const CPR_SHAPE = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)/g;

export function containsCprNumber(text: string): boolean {
  for (const match of text.matchAll(CPR_SHAPE)) {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return true;
  }
  return false;
}
