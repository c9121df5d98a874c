import da from '../../libs/web/src/i18n/da.json';
import de from '../../libs/web/src/i18n/de.json';
import en from '../../libs/web/src/i18n/en.json';
import { scanServerErrorCodes } from '../support/error-codes';

/**
 * Issue 18: a page shows a refusal by its code from its language file, never
 * the server's English message. So every code the server's sources can send
 * has a text in each shared language file, with only the parameters the
 * server sends in `details`.
 */
const FILES: Record<string, Record<string, string>> = { da, en, de };
const scan = scanServerErrorCodes();
const codes = [...scan.codes.values()].sort((a, b) => a.code.localeCompare(b.code));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('texts for the server error codes', () => {
  it('the scan finds the codes of every kind of refusal', () => {
    // One known code per way of refusing: a helper, the SQL change functions, a DTO's CPR code,
    // an HttpException body, the filter's outages, tables and HTTP statuses, and Node's raw refusals.
    const found = new Set(scan.codes.keys());
    for (const code of ['login_throttled', 'seat_busy', 'cpr_number_in_note', 'too_many_values', 'login_unavailable', 'database_unavailable',
      'concurrent_change', 'validation_failed', 'unauthenticated', 'headers_too_large', 'printer_port_refused', 'counter_not_found']) {
      expect({ code, found: found.has(code) }).toEqual({ code, found: true });
    }
    expect(codes.length).toBeGreaterThan(80);
    // A refusal's details object is read too (what the texts may say as parameters).
    expect([...scan.codes.get('appointment_too_early')!.details]).toContain('minutesBefore');
  });

  it('every refusal whose code is not a literal is explained to the scan', () => {
    expect(scan.unexplained).toEqual([]);
  });

  it.each(Object.keys(FILES))('%s: a text for every code, with only the parameters the server sends', (lang) => {
    const problems: string[] = [];
    for (const { code, file, retryAfter, details } of codes) {
      const text = FILES[lang][`error.${code}`];
      if (!text?.trim()) problems.push(`error.${code} missing (sent by ${file})`);
      else {
        const allowed = [...details, ...(retryAfter ? ['retryAfterSeconds'] : [])];
        const extra = placeholders(text).filter((p) => !allowed.includes(p));
        if (extra.length) problems.push(`error.${code} uses {${extra.join('}, {')}} which the server does not send`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the three shared files have the same keys and the same parameters per key', () => {
    const keys = Object.keys(da).sort();
    expect(Object.keys(en).sort()).toEqual(keys);
    expect(Object.keys(de).sort()).toEqual(keys);
    const differing = keys.filter((k) => {
      const p = placeholders((da as Record<string, string>)[k]).join();
      return placeholders((en as Record<string, string>)[k]).join() !== p || placeholders((de as Record<string, string>)[k]).join() !== p;
    });
    expect(differing).toEqual([]);
  });
});
