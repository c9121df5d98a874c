/**
 * The printed ticket number: the service prefix and three digits, four past 999.
 * Numbers are counted per (site, service, business date), so the daily reset is implicit.
 */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad ticket sequence ${sequence}`);
  return prefix + String(sequence).padStart(sequence > 999 ? 4 : 3, '0');
}

/** "P012" → "P 12": how the number is spoken and shown large. */
export function spokenTicketNumber(number: string): string {
  const match = /^([A-Z]*)0*(\d+)$/.exec(number);
  return match ? `${match[1]} ${match[2]}`.trim() : number;
}
