import { SSO_KEYS, setStaffToken, staffSessionEnded, staffToken } from './session';

/**
 * The pages' side of single sign-on (docs/identity.md): the sign-in comes
 * back with a one-time code in the fragment (`#sso=`, never sent to a server),
 * exchanged here for the tokens; the short-lived staff token is then renewed
 * before it expires with the refresh token, which asks the provider again. A
 * refused refresh (a role removed, the sign-in ended) ends the staff session.
 */
const [REFRESH_KEY, ISSUED_KEY, EXPIRES_KEY] = SSO_KEYS;
/** Renewed at this share of the token's life; tried again this soon when the server could not answer. */
const RENEW_AT = 0.75;
const RETRY_MS = 10_000;

export interface SsoTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
}

export interface SignInProvider {
  id: string;
  loginUrl: string;
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Keeps a single sign-on's tokens for this tab and schedules the next renewal. */
export function setSsoSession(tokens: SsoTokens): void {
  setStaffToken(tokens.accessToken);
  const now = Date.now();
  if (tokens.refreshToken) sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  sessionStorage.setItem(ISSUED_KEY, String(now));
  sessionStorage.setItem(EXPIRES_KEY, String(now + tokens.expiresIn * 1000));
  keepSsoSessionFresh();
}

/** Schedules the renewal of a signed-in single sign-on session (a page calls it once at start; password tokens have none). */
export function keepSsoSessionFresh(): void {
  clearTimeout(timer);
  const issued = Number(sessionStorage.getItem(ISSUED_KEY));
  const expires = Number(sessionStorage.getItem(EXPIRES_KEY));
  if (!sessionStorage.getItem(REFRESH_KEY) || !issued || !expires || !staffToken()) return;
  timer = setTimeout(() => void refreshSsoSession(), Math.max(0, issued + (expires - issued) * RENEW_AT - Date.now()));
}

/** Whether the staff token is a single sign-on's that has expired (a page reloaded after a while renews before it asks). */
export const ssoTokenExpired = () => !!sessionStorage.getItem(REFRESH_KEY) && Number(sessionStorage.getItem(EXPIRES_KEY)) <= Date.now();

/** Renews the staff token now; false when there is nothing to renew or the session has ended (the page then shows its login). */
export async function refreshSsoSession(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return false;
  let res: Response;
  try {
    res = await fetch(`${location.origin}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
  } catch {
    timer = setTimeout(() => void refreshSsoSession(), RETRY_MS);
    return false;
  }
  if (res.ok) {
    setSsoSession(await res.json());
    return true;
  }
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    staffSessionEnded();
    return false;
  }
  timer = setTimeout(() => void refreshSsoSession(), RETRY_MS);
  return false;
}

/**
 * A sign-in that just came back to this page: exchanges its code for the
 * tokens (`signedIn`), or says why it was refused (`error`, a code of the
 * language files' `error.*`); null when the page was opened otherwise.
 */
export async function takeSsoSignIn(): Promise<{ signedIn: true } | { error: string } | null> {
  const params = new URLSearchParams(location.hash.slice(1));
  const code = params.get('sso');
  const error = params.get('sso_error');
  if (!code && !error) return null;
  // Out of the address bar and the history at once: the code is good once anyway.
  history.replaceState(null, '', location.pathname + location.search);
  if (error) return { error: /^[a-z0-9_]{1,60}$/.test(error) ? error : 'oidc_sign_in_failed' };
  try {
    const res = await fetch(`${location.origin}/api/v1/auth/sso/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const data = await res.json().catch(() => null);
    if (!res.ok) return { error: data?.error?.code ?? 'sso_code_invalid' };
    setSsoSession(data);
    return { signedIn: true };
  } catch {
    return { error: 'network_error' };
  }
}

/** The single sign-on providers set up (none: only the password login), as `GET /api/v1/auth/providers` lists them. */
export async function signInProviders(): Promise<SignInProvider[]> {
  try {
    const res = await fetch(`${location.origin}/api/v1/auth/providers`);
    return res.ok ? ((await res.json()).providers ?? []) : [];
  } catch {
    return [];
  }
}

/** Where a provider's button leads: its login, returning to this page as it is now. */
export const providerLoginHref = (p: SignInProvider) => `${p.loginUrl}?returnTo=${encodeURIComponent(location.origin + location.pathname + location.search)}`;
