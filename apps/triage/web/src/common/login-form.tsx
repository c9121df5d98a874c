import { useEffect, useState } from 'preact/hooks';
import { type SignInProvider, loginRefusal, providerLoginHref, setStaffToken, signInProviders } from '@skranke/web';
import { triageApi } from './api';
import { t } from './texts';

/**
 * The staff login: on success the token is kept for the browser session and
 * `onLoggedIn` runs. Where single sign-on is set up, "Log ind med kommunens
 * login" comes first; the password login stays (a break-glass administrator).
 */
export function LoginForm({ onLoggedIn, error: shown }: { onLoggedIn: () => void; error?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(shown ?? '');
  const [busy, setBusy] = useState(false);
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  useEffect(() => void signInProviders().then(setProviders), []);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    // Busy until the page behind the login has its figures (or the refusal is shown).
    delete document.body.dataset.ready;
    try {
      const { data } = await triageApi().POST('/api/v1/auth/login', { body: { username, password } });
      setStaffToken(data!.accessToken);
      onLoggedIn();
    } catch (e) {
      const refusal = loginRefusal(e);
      setError(t(refusal.key, refusal.vars));
      document.body.dataset.ready = 'true';
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login" onSubmit={submit}>
      <h1>{t('login')}</h1>
      {providers.map((p) => (
        <a key={p.id} class="button sso-login" href={providerLoginHref(p)} data-testid={`sso-${p.id}`}>
          {t('login.sso')}
        </a>
      ))}
      <label>
        {t('username')}
        <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>{t('loginButton')}</button>
      <p class="error" role="alert">{error}</p>
    </form>
  );
}
