import '@skranke/web/base.css';
import './counter/counter.css';
import { $, apiClient, h, loginRefusal, render, setStaffToken, staffToken, whenStaffSessionEnds } from '@skranke/web';
import { liveRefresh } from './common/live-refresh';
import { t } from './common/texts';
import { CounterActions, describeError } from './counter/counter-actions';
import { bindCounterKeys } from './counter/counter-keys';
import { CounterChoice, CurrentView, PageState } from './counter/counter-types';
import { counterView } from './counter/counter-view';
import { tickTimers } from './counter/seat-view';

const COUNTER_KEY = 'skranke.counterId';
const root = $('#app')!;
const api = apiClient(location.origin, staffToken);
const state: PageState = { view: null, selectedSeat: 1, helpMode: {}, transferSeat: null, message: null, offline: false };
const actions = new CounterActions(api, state, reload);
let stopLive: (() => void) | null = null;

function rerender(): void {
  if (!state.view) return;
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.k;
  render(root, counterView(state, actions, { changeCounter, logout, rerender }));
  tickTimers(root);
  if (focused) root.querySelector<HTMLElement>(`[data-k="${focused}"]`)?.focus();
}

async function reload(): Promise<void> {
  const id = state.view?.counter.id ?? localStorage.getItem(COUNTER_KEY);
  const token = staffToken();
  if (!id || !token) return;
  try {
    const view = await api.get<CurrentView>(`/counters/${id}/current`);
    // Signed out while it was on its way: the answer must not bring the counter back.
    if (staffToken() !== token) return;
    state.view = view;
    if (!state.view.seats.some((s) => s.seat === state.selectedSeat)) state.selectedSeat = 1;
  } catch (e) {
    state.message = describeError(e);
  }
  rerender();
}

/** `refusal`: why the last attempt was refused, in the page's words. */
function loginForm(refusal?: string): void {
  const username = h('input', { id: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const res = await apiClient(location.origin, () => null).post('/auth/login', { username: username.value, password: password.value });
      setStaffToken(res.accessToken);
      await pickCounter();
    } catch (err) {
      const { key, vars } = loginRefusal(err);
      loginForm(t(key, vars));
    }
  };
  render(
    root,
    h('form', { class: 'login card', onsubmit: submit }, h('h1', {}, t('login.title')), h('label', { for: 'username' }, t('login.username')), username, h('label', { for: 'password' }, t('login.password')), password, refusal ? h('p', { class: 'error', role: 'alert' }, refusal) : null, h('button', { type: 'submit' }, t('login.submit'))),
  );
  username.focus();
}

async function pickCounter(): Promise<void> {
  stopLive?.();
  state.view = null;
  let counters: CounterChoice[];
  try {
    counters = await api.get<CounterChoice[]>('/me/counters');
  } catch {
    setStaffToken(null);
    return loginForm();
  }
  const wanted = new URLSearchParams(location.search).get('counter') ?? localStorage.getItem(COUNTER_KEY);
  const chosen = counters.find((c) => c.id === wanted) ?? (counters.length === 1 ? counters[0] : null);
  if (chosen) return useCounter(chosen);
  render(
    root,
    h('section', { class: 'pick card' }, h('h1', {}, t('pick.title')), counters.length ? null : h('p', {}, t('pick.none')), h('div', { class: 'row' }, counters.map((c) => h('button', { 'data-counter': c.id, onclick: () => void useCounter(c) }, `${c.name} · ${c.siteName}`)))),
  );
  root.querySelector<HTMLElement>('button')?.focus();
}

async function useCounter(c: CounterChoice): Promise<void> {
  localStorage.setItem(COUNTER_KEY, c.id);
  state.view = null;
  state.helpMode = {};
  state.selectedSeat = 1;
  const id = c.id;
  state.view = await api.get<CurrentView>(`/counters/${id}/current`).catch((e) => ((state.message = describeError(e)), null));
  if (!state.view) return render(root, h('p', { class: 'error', role: 'alert' }, state.message ?? ''));
  rerender();
  stopLive = liveRefresh(c.siteId, 'counter', staffToken()!, () => void reload(), (s) => {
    state.offline = s === 'offline';
    rerender();
  });
}

function changeCounter(): void {
  localStorage.removeItem(COUNTER_KEY);
  history.replaceState(null, '', location.pathname);
  void pickCounter();
}

/** Ends the token on the server too (every app and socket), then shows the login. */
function logout(): void {
  void api.post('/auth/logout').catch(() => undefined);
  signedOut();
}

function signedOut(): void {
  stopLive?.();
  stopLive = null;
  setStaffToken(null);
  state.view = null;
  loginForm();
}

whenStaffSessionEnds(signedOut);
bindCounterKeys(state, actions, rerender);
setInterval(() => tickTimers(root), 1000);
if (staffToken()) void pickCounter();
else loginForm();
