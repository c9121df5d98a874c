/**
 * Staff tokens live in sessionStorage (gone when the browser closes). Device
 * tokens (kiosk, display) are provisioned once through the URL fragment
 * `#token=…`, which never reaches a server log, and kept in localStorage.
 */
const STAFF_KEY = 'skranke.staffToken';
const DEVICE_KEY = 'skranke.deviceToken';

export const staffToken = () => sessionStorage.getItem(STAFF_KEY);
/** A token from the password login (no refresh); null forgets the staff session, a single sign-on's refresh token too. */
export function setStaffToken(t: string | null): void {
  if (t) return sessionStorage.setItem(STAFF_KEY, t);
  for (const key of [STAFF_KEY, ...SSO_KEYS]) sessionStorage.removeItem(key);
}

/** A single sign-on's refresh token and when its access token was given and expires (ms), beside the token (sso.ts). */
export const SSO_KEYS = ['skranke.refreshToken', 'skranke.staffTokenIssued', 'skranke.staffTokenExpires'] as const;

let onStaffSessionEnded: (() => void) | null = null;
/** What a staff page shows when its token stops working (logged out elsewhere, user deactivated): its login screen. */
export const whenStaffSessionEnds = (fn: () => void) => void (onStaffSessionEnded = fn);
/** The staff token was refused: forget it and let the page ask for a login. */
export function staffSessionEnded(): void {
  setStaffToken(null);
  onStaffSessionEnded?.();
}

export function deviceToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem(DEVICE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return localStorage.getItem(DEVICE_KEY);
}

export const forgetDevice = () => localStorage.removeItem(DEVICE_KEY);
