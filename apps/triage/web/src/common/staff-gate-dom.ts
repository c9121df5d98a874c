import { ApiClient, ApiError, AppConfig, apiClient, appConfig, h, loginRefusal, render, setStaffToken, staffToken, whenStaffSessionEnds } from '@skranke/web';
import { t } from './texts';

export interface StaffContext {
  config: AppConfig;
  /** This app (triage), same origin. */
  api: ApiClient;
  /** The counter-display app (counter actions, ticket transfer and cancel). */
  counterApi: ApiClient;
  site: { id: string; slug: string; name: string };
  token: string;
}

/** The site slug is the last part of the path: /floor/<slug>, /dashboard/<slug>, /admin/<slug>. */
export const slugFromPath = () => decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

/** Logs the staff member in (token in sessionStorage) and finds the site of the URL among the caller's sites. */
export async function staffGate(root: HTMLElement): Promise<StaffContext> {
  // A token refused later (logout elsewhere, deactivated): start over at the login.
  whenStaffSessionEnds(() => location.reload());
  const config = await appConfig();
  const api = apiClient('', staffToken);
  for (;;) {
    if (!staffToken()) await loginForm(root, api);
    try {
      const sites: { id: string; slug: string; name: string }[] = await api.get('/sites');
      const site = sites.find((s) => s.slug === slugFromPath());
      if (!site) {
        render(root, h('p', { class: 'error', role: 'alert', 'data-testid': 'no-access' }, t('noAccess')));
        throw new Error('no access');
      }
      return { config, api, counterApi: apiClient(config.urls.counterDisplay, staffToken), site, token: staffToken()! };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setStaffToken(null);
      else throw e;
    }
  }
}

function loginForm(root: HTMLElement, api: ApiClient): Promise<void> {
  return new Promise((resolve) => {
    const error = h('p', { class: 'error', role: 'alert' });
    const user = h('input', { name: 'username', autocomplete: 'username', required: true });
    const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const form = h('form', { class: 'login' }, h('h1', {}, t('login')), h('label', {}, t('username'), user), h('label', {}, t('password'), pass), h('button', { type: 'submit' }, t('loginButton')), error);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const res = await api.post('/auth/login', { username: user.value, password: pass.value });
        setStaffToken(res.accessToken);
        resolve();
      } catch (e) {
        const refusal = loginRefusal(e);
        render(error, t(refusal.key, refusal.vars));
      }
    });
    render(root, form);
  });
}

/** "Log ud": ends the token on the server (every app and socket), then back to the login. */
export function logoutButton(ctx: StaffContext): HTMLElement {
  const logout = async () => {
    await ctx.api.post('/auth/logout').catch(() => undefined);
    setStaffToken(null);
    location.reload();
  };
  return h('button', { class: 'secondary', 'data-testid': 'logout', onclick: () => void logout() }, t('logout'));
}
