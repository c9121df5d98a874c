/** A number typed into a field: the value, or the key of what is wrong (empty, out of range, not whole). */
export function readNumber(text: string, min: number, max: number, opts: { integer?: boolean; optional?: boolean } = {}): number | null | string {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return opts.optional ? null : 'invalid.required';
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return 'invalid.number';
  if (opts.integer && !Number.isInteger(n)) return 'invalid.wholeNumber';
  if (n < min || n > max) return 'invalid.range';
  return n;
}

/** Shows a number in a field (decimal comma in Danish and German). */
export const numberText = (lang: string, n: number | null | undefined) => (n == null ? '' : lang === 'en' ? String(n) : String(n).replace('.', ','));
