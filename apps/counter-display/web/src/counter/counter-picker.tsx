import { useEffect, useRef } from 'preact/hooks';
import { t } from '../common/texts';
import { CounterChoice, SignedInUser } from './counter-api';

/** "Vælg skranke": the counters at every site where the signed-in user works at counters. */
export function CounterPicker({ me, counters, onPick, onLogout }: { me: SignedInUser; counters: CounterChoice[]; onPick: (c: CounterChoice) => void; onLogout: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <section class="pick card">
      <p class="who" data-who>
        {t('who.signedIn', { name: me.displayName })}
      </p>
      <h1>{t('pick.title')}</h1>
      {counters.length === 0 && <p>{t('pick.none')}</p>}
      <div class="row">
        {counters.map((c, i) => (
          <button data-counter={c.id} ref={i === 0 ? first : undefined} onClick={() => onPick(c)}>
            {`${c.name} · ${c.siteName}`}
          </button>
        ))}
      </div>
      <button class="secondary" data-k="logout" onClick={onLogout}>
        {t('logout')}
      </button>
    </section>
  );
}
