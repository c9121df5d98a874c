import { invalid } from '@skranke/domain';

/**
 * Where a sign-in may send the browser back to: a path of this app, or an
 * address on one of the three apps (the counter page lives on another
 * origin). Anything else, e.g. `//evil.example` or another host, is refused,
 * so the login route is no open redirect. The fragment is dropped: the
 * sign-in puts its own there.
 */
export function safeReturnTo(raw: unknown, self: string, appOrigins: string[]): string {
  if (raw === undefined || raw === '') return new URL('/', self).href;
  const refuse = () => invalid('invalid_return_to', 'returnTo must be a path of this app or an address on one of its apps.');
  if (typeof raw !== 'string' || raw.length > 2000 || /[\\\s]/.test(raw) || raw.startsWith('//')) throw refuse();
  let url: URL;
  try {
    url = raw.startsWith('/') ? new URL(raw, self) : new URL(raw);
  } catch {
    throw refuse();
  }
  if (!appOrigins.includes(url.origin) || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) throw refuse();
  url.hash = '';
  return url.href;
}
