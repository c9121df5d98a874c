/**
 * Staff tokens live in sessionStorage (gone when the browser closes). Device
 * tokens (kiosk, display) are provisioned once through the URL fragment
 * `#token=…`, which never reaches a server log, and kept in localStorage.
 */
const STAFF_KEY = 'skranke.staffToken';
const DEVICE_KEY = 'skranke.deviceToken';

export const staffToken = () => sessionStorage.getItem(STAFF_KEY);
export const setStaffToken = (t: string | null) => (t ? sessionStorage.setItem(STAFF_KEY, t) : sessionStorage.removeItem(STAFF_KEY));

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
