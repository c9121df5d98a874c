import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type AppConfig, type TriageSchemas, appConfig, errorText, keepSsoSessionFresh, refreshSsoSession, setStaffToken, ssoTokenExpired, staffToken, takeSsoSignIn, whenStaffSessionEnds } from '@skranke/web';
import { type CounterApi, type TicketingApi, type TriageApi, counterApi, ticketingApi, triageApi } from './api';
import { LoginForm } from './login-form';
import { t } from './texts';

export type StaffPage = 'floor' | 'dashboard' | 'admin' | 'counter' | 'reports' | 'staff-figures';
/** The roles each page needs (any one); as on the server, an admin may do what a supervisor may, a supervisor what floor and counter staff may. */
const NEEDS: Record<StaffPage, string[]> = {
  floor: ['floor'],
  dashboard: ['supervisor'],
  admin: ['admin'],
  counter: ['counter'],
  reports: ['reports'],
  // Anyone with figures of their own (GET …/staff-figures/me).
  'staff-figures': ['counter', 'floor', 'reports'],
};
const IMPLIED: Record<string, string[]> = {
  admin: ['admin', 'supervisor', 'floor', 'counter', 'reports'],
  supervisor: ['supervisor', 'floor', 'counter', 'reports'],
  floor: ['floor'],
  counter: ['counter'],
  reports: ['reports'],
};

export type SignedInUser = TriageSchemas['schemas']['SignedInUserSchema'];
export type SiteView = TriageSchemas['schemas']['SiteSchema'];

/** Everything a staff page needs once someone is signed in at the site of its URL. */
export interface StaffContext {
  config: AppConfig;
  api: TriageApi;
  counterApi: CounterApi;
  ticketingApi: TicketingApi;
  site: SiteView;
  me: SignedInUser;
  /** Whether the signed-in user's roles here open a staff page (its link is shown). */
  may: (page: StaffPage) => boolean;
  logout: () => Promise<void>;
}

/** The site slug is the last part of the path: /floor/<slug>, /dashboard/<slug>, /admin/<slug>, /staff-figures/<slug>. */
export const slugFromPath = () => decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

/** The steps every staff page goes through before its own: loading, the login form, a failure. */
export type SignInStep = { kind: 'loading' } | { kind: 'login'; error?: string } | { kind: 'failed'; text: string };

type GateState = SignInStep | { kind: 'no-site'; logout: () => Promise<void> } | { kind: 'ready'; ctx: StaffContext };

/** Whether the user's roles at the site open the page; a site listed without a role of theirs: an administrator's. */
export function mayOpen(me: SignedInUser, siteId: string, page: StaffPage): boolean {
  const here = me.roles.filter((r) => r.siteId === siteId).map((r) => r.role as string);
  return !here.length || here.some((role) => NEEDS[page].some((needed) => IMPLIED[role]?.includes(needed)));
}

/**
 * A staff page's state from `load` (its own states, or a sign-in step): loaded now, again after a login, and back
 * to the login form when the token is refused (401 now, or the session ended later). `start` loads again.
 */
export function useStaffState<S extends { kind: string }>(load: () => Promise<S | SignInStep>): [S | SignInStep, () => void] {
  const [state, setState] = useState<S | SignInStep>({ kind: 'loading' });
  const start = () => {
    setState({ kind: 'loading' });
    load().then(setState, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        setStaffToken(null);
        setState({ kind: 'login' });
      } else setState({ kind: 'failed', text: errorText(t, e) });
    });
  };
  useEffect(() => {
    whenStaffSessionEnds(() => setState({ kind: 'login' }));
    start();
  }, []);
  return [state, start];
}

/** What a sign-in step shows (null: the page's own state). */
export function signInScreen(state: { kind: string }, start: () => void) {
  const step = state as SignInStep;
  if (step.kind === 'loading') return <p class="muted">{t('loading')}</p>;
  if (step.kind === 'login') return <LoginForm onLoggedIn={start} error={step.error} />;
  if (step.kind === 'failed') return <p class="error" role="alert">{step.text}</p>;
  return null;
}

export async function logout(): Promise<void> {
  await triageApi().POST('/api/v1/auth/logout').catch(() => undefined);
  setStaffToken(null);
}

/** Who is signed in on this tab, with the sites they may see; `login` while no one is (or the municipality's login refused). */
export async function staffSession(): Promise<
  { kind: 'login'; error?: string } | { kind: 'signed-in'; config: AppConfig; api: TriageApi; me: SignedInUser; sites: SiteView[] }
> {
  // Back from the municipality's login: its one-time code becomes this tab's tokens, or its refusal is shown.
  const sso = await takeSsoSignIn();
  if (sso && 'error' in sso) return { kind: 'login', error: errorText(t, new ApiError(0, sso.error, '')) };
  if (ssoTokenExpired()) await refreshSsoSession();
  keepSsoSessionFresh();
  if (!staffToken()) return { kind: 'login' };
  const api = triageApi();
  const config = await appConfig();
  const me = (await api.GET('/api/v1/auth/me')).data!;
  const sites = (await api.GET('/api/v1/sites')).data!;
  return { kind: 'signed-in', config, api, me, sites };
}

async function signIn(): Promise<GateState> {
  const session = await staffSession();
  if (session.kind === 'login') return session;
  const { config, api, me, sites } = session;
  const site = sites.find((s) => s.slug === slugFromPath());
  if (!site) return { kind: 'no-site', logout };
  const may = (page: StaffPage) => mayOpen(me, site.id, page);
  return { kind: 'ready', ctx: { config, api, counterApi: counterApi(config), ticketingApi: ticketingApi(config), site, me, may, logout } };
}

/**
 * A staff page's gate: the login form until someone is signed in, a clear
 * message (with a way to log out) when the site of the URL is not theirs,
 * then the page. A token refused later (logged out elsewhere, deactivated)
 * brings the login back.
 */
export function StaffGate({ children }: { children: (ctx: StaffContext) => ComponentChildren }) {
  const [state, start] = useStaffState<GateState>(signIn);
  useEffect(() => {
    // A page marks itself ready once its figures are in (useLive); the gate's own screens are ready at once.
    if (state.kind !== 'loading' && state.kind !== 'ready') document.body.dataset.ready = 'true';
    else delete document.body.dataset.ready;
  }, [state.kind]);
  if (state.kind === 'no-site') return <NoAccess message={t('noAccess')} logout={state.logout} />;
  if (state.kind === 'ready') return <>{children(state.ctx)}</>;
  return signInScreen(state, start);
}

/** A signed-in user without the page's role: say so plainly, and offer to log out (to sign in as someone else). */
export function NoAccess({ message, logout }: { message: string; logout: () => Promise<void> }) {
  const out = async (ev: Event) => {
    ev.preventDefault();
    await logout();
    location.reload();
  };
  return (
    <div class="no-access" data-testid="no-access">
      <h1>{t('noAccess.title')}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href={location.pathname} data-testid="logout" onClick={out}>{t('logoutToSwitch')}</a>
      </p>
    </div>
  );
}
