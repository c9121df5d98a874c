/**
 * Does a ticket number match what the floor-walker typed? "P12", "p012" and
 * "P 12" find P012; digits alone ("12") find every service's 12 (P012, K012).
 * Empty or unreadable input matches nothing.
 */
export function matchesNumber(query: string, number: string): boolean {
  const q = /^([a-zæøå]*)\s*0*(\d+)$/i.exec(query.trim());
  const n = /^([a-zæøå]*)0*(\d+)$/i.exec(number);
  if (!q || !n) return false;
  const [, qPrefix, qDigits] = q;
  const [, nPrefix, nDigits] = n;
  return Number(qDigits) === Number(nDigits) && (!qPrefix || qPrefix.toUpperCase() === nPrefix.toUpperCase());
}
