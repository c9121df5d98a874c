import { type SignInProvider, loginRefusal, providerLoginHref, signInProviders } from '@skranke/web';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../common/texts';
import { answer, api } from './counter-api';

/** The counter's login ("Log ind med kommunens login" first where it is set up); says why a login was refused, in the page's words. */
export function LoginForm({ onToken, error }: { onToken: (token: string) => void; error?: string }) {
  const [refusal, setRefusal] = useState<string | null>(error ?? null);
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => {
    username.current?.focus();
    void signInProviders().then(setProviders);
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const data = await answer(api.POST('/api/v1/auth/login', { body: { username: username.current!.value, password: password.current!.value } }));
      onToken(data.accessToken);
    } catch (err) {
      const { key, vars } = loginRefusal(err);
      setRefusal(t(key, vars));
    }
  };
  return (
    <form class="login card" onSubmit={submit}>
      <h1>{t('login.title')}</h1>
      {providers.map((p) => (
        <a key={p.id} class="button sso-login" href={providerLoginHref(p)} data-testid={`sso-${p.id}`}>
          {t('login.sso')}
        </a>
      ))}
      <label for="username">{t('login.username')}</label>
      <input id="username" ref={username} autocomplete="username" required />
      <label for="password">{t('login.password')}</label>
      <input id="password" ref={password} type="password" autocomplete="current-password" required />
      {refusal && (
        <p class="error" role="alert">
          {refusal}
        </p>
      )}
      <button type="submit">{t('login.submit')}</button>
    </form>
  );
}
