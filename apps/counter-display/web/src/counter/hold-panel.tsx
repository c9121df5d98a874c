import { useState } from 'preact/hooks';
import { t } from '../common/texts';
import { CounterSession } from './counter-session';

/**
 * The counter is another's: "Skranke 3 bruges af <navn>" (or "overtaget af",
 * when it was ours) with "Overtag", which asks once more before taking it.
 */
export function HoldPanel({ session, name, taken, onChangeCounter }: { session: CounterSession; name: string; taken: boolean; onChangeCounter: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const counter = session.counter.name;
  return (
    <section class={`hold-panel ${taken ? 'taken' : 'held'}`} role={taken ? 'alert' : 'status'} data-hold={taken ? 'taken' : 'held'}>
      <h2>{t(taken ? 'hold.takenBy' : 'hold.heldBy', { counter, name })}</h2>
      <p>{t(taken ? 'hold.takenHelp' : 'hold.heldHelp', { name })}</p>
      {confirming ? (
        <div class="row confirm" role="group" aria-label={t('hold.confirm', { counter, name })}>
          <p class="confirm-question">{t('hold.confirm', { counter, name })}</p>
          <button data-k="takeover-confirm" onClick={() => void session.take(true)} autoFocus>
            {t('hold.confirmYes')}
          </button>
          <button class="secondary" data-k="takeover-cancel" onClick={() => setConfirming(false)}>
            {t('hold.cancel')}
          </button>
        </div>
      ) : (
        <div class="row">
          <button data-k="takeover" onClick={() => setConfirming(true)}>
            {t(taken ? 'hold.takeBack' : 'hold.takeover')}
          </button>
          <button class="secondary" onClick={onChangeCounter}>
            {t('pick.change')}
          </button>
        </div>
      )}
    </section>
  );
}
