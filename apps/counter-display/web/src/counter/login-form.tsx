import { loginRefusal } from '@skranke/web';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../common/texts';
import { answer, api } from './counter-api';

/** The counter's login; says why a login was refused, in the page's words. */
export function LoginForm({ onToken }: { onToken: (token: string) => void }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => username.current?.focus(), []);
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
