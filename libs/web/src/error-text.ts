import { ApiError } from './api';
import type { Translate } from './i18n';

/**
 * What a refusal says to the person at the screen: the text for its code in
 * the page's language (`error.<code>`, with the error's parameters), never the
 * server's English message; a code without a text gets the general one.
 */
export function errorText(t: Translate, err: unknown): string {
  const code = err instanceof ApiError ? err.code : 'network_error';
  const vars = err instanceof ApiError ? scalarDetails(err.details) : {};
  const key = `error.${code}`;
  const text = t(key, vars);
  return text === key ? t('error.generic') : text;
}

function scalarDetails(details: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}
