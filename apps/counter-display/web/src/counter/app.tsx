import { ApiError, AppConfig, appConfig, errorText, keepSsoSessionFresh, refreshSsoSession, setStaffToken, ssoTokenExpired, staffToken, takeSsoSignIn, whenStaffSessionEnds } from '@skranke/web';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../common/texts';
import { CounterChoice, SignedInUser, answer, api } from './counter-api';
import { CounterPicker } from './counter-picker';
import { CounterSession } from './counter-session';
import { LoginForm } from './login-form';
import { Workstation } from './workstation';

const COUNTER_KEY = 'skranke.counterId';

type Screen =
  | { kind: 'loading' }
  | { kind: 'login'; error?: string }
  | { kind: 'failed'; text: string }
  | { kind: 'pick'; me: SignedInUser; counters: CounterChoice[] }
  | { kind: 'counter'; me: SignedInUser; counter: CounterChoice };

/** The counter page: login, then the counter (from ?counter=, the last one used, or a choice), until log-out. */
export function App() {
  const [screen, setScreen] = useState<Screen>(() => (staffToken() || /[#&]sso/.test(location.hash) ? { kind: 'loading' } : { kind: 'login' }));
  const [config, setConfig] = useState<AppConfig | null>(null);
  const session = useRef<CounterSession | null>(null);

  useEffect(() => {
    void appConfig().then(setConfig, () => undefined);
    whenStaffSessionEnds(() => signedOut());
    void start();
  }, []);

  /** Back from the municipality's login, its code becomes this tab's tokens (or its refusal is shown); a single sign-on is kept fresh. */
  async function start(): Promise<void> {
    const sso = await takeSsoSignIn();
    if (sso && 'error' in sso) return setScreen({ kind: 'login', error: errorText(t, new ApiError(0, sso.error, '')) });
    if (ssoTokenExpired()) await refreshSsoSession();
    keepSsoSessionFresh();
    if (staffToken()) await signedIn();
    else setScreen({ kind: 'login' });
  }

  async function signedIn(): Promise<void> {
    try {
      const [me, counters] = await Promise.all([answer(api.GET('/api/v1/auth/me')), answer(api.GET('/api/v1/me/counters'))]);
      const wanted = new URLSearchParams(location.search).get('counter') ?? localStorage.getItem(COUNTER_KEY);
      const chosen = counters.find((c) => c.id === wanted) ?? (counters.length === 1 ? counters[0] : null);
      if (chosen) use(me, chosen);
      else setScreen({ kind: 'pick', me, counters });
    } catch (e) {
      if (!staffToken()) return setScreen({ kind: 'login' });
      setScreen({ kind: 'failed', text: errorText(t, e) });
    }
  }

  function use(me: SignedInUser, counter: CounterChoice): void {
    localStorage.setItem(COUNTER_KEY, counter.id);
    setScreen({ kind: 'counter', me, counter });
  }

  async function leaveCounter(): Promise<void> {
    await session.current?.end();
    session.current = null;
  }

  async function changeCounter(): Promise<void> {
    await leaveCounter();
    localStorage.removeItem(COUNTER_KEY);
    history.replaceState(null, '', location.pathname + location.search.replace(/([?&])counter=[^&]*&?/, '$1').replace(/[?&]$/, ''));
    setScreen({ kind: 'loading' });
    await signedIn();
  }

  /** Lets go of the counter, ends the token on the server too (every app and socket), then shows the login. */
  async function logout(): Promise<void> {
    await leaveCounter();
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    signedOut();
  }

  function signedOut(): void {
    void session.current?.end();
    session.current = null;
    setStaffToken(null);
    setScreen({ kind: 'login' });
  }

  switch (screen.kind) {
    case 'loading':
      return null;
    case 'login':
      return (
        <LoginForm
          error={screen.error}
          onToken={(token) => {
            setStaffToken(token);
            setScreen({ kind: 'loading' });
            void signedIn();
          }}
        />
      );
    case 'failed':
      return (
        <p class="error" role="alert">
          {screen.text}
        </p>
      );
    case 'pick':
      return <CounterPicker me={screen.me} counters={screen.counters} onPick={(c) => use(screen.me, c)} onLogout={() => void logout()} />;
    case 'counter':
      return (
        <Workstation
          key={screen.counter.id}
          counter={screen.counter}
          me={screen.me}
          config={config}
          sessionRef={session}
          onChangeCounter={() => void changeCounter()}
          onLogout={() => void logout()}
        />
      );
  }
}
