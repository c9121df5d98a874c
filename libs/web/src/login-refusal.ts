import { ApiError } from './api';

/** Language-file keys of the answers a login form explains; anything else reads as a wrong username or password. */
const KEYS: Record<string, string> = {
  login_throttled: 'login.throttled',
  login_locked: 'login.locked',
  login_address_locked: 'login.addressLocked',
  login_unavailable: 'login.unavailable',
  network_error: 'login.offline',
};

/** Why a login was refused, as a key of the page's language file and its values (the wait in seconds and whole minutes). */
export function loginRefusal(e: unknown): { key: string; vars: { seconds: number; minutes: number } } {
  const code = e instanceof ApiError ? e.code : 'network_error';
  const seconds = e instanceof ApiError ? Number(e.details?.retryAfterSeconds) || 0 : 0;
  return { key: KEYS[code] ?? 'login.failed', vars: { seconds, minutes: Math.ceil(seconds / 60) } };
}
