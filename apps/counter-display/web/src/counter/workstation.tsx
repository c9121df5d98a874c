import { AppConfig } from '@skranke/web';
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import { t } from '../common/texts';
import { CounterChoice, SignedInUser } from './counter-api';
import { useCounterKeys } from './counter-keys';
import { CounterSession } from './counter-session';
import { useNow } from './elapsed';
import { Hint } from './hint';
import { HoldPanel } from './hold-panel';
import { Seat } from './seat';
import { WaitingList } from './waiting-list';

export interface WorkstationProps {
  counter: CounterChoice;
  me: SignedInUser;
  config: AppConfig | null;
  onChangeCounter: () => void;
  onLogout: () => void;
  /** Gets the session, so leaving the counter (log-out) can let go of it first. */
  sessionRef: { current: CounterSession | null };
}

/** The whole workstation: who and where, the counter's state, its waiting list, and its seats. */
export function Workstation(props: WorkstationProps) {
  const { counter, me } = props;
  const [, changed] = useReducer((n: number, _bump: number) => n + 1, 0);
  const session = useMemo(() => new CounterSession(counter, me, () => changed(0)), [counter.id, me.id]);
  useEffect(() => {
    props.sessionRef.current = session;
    void session.begin();
    return () => void session.end();
  }, [session]);
  useCounterKeys(session);
  const now = useNow();
  const view = session.view;
  const hold = session.hold;
  return (
    <>
      <TopBar {...props} />
      {session.offline && (
        <p class="offline" role="status" data-offline>
          {t('live.offline')}
        </p>
      )}
      {(hold.kind === 'held' || hold.kind === 'taken') && <HoldPanel session={session} name={hold.name} taken={hold.kind === 'taken'} onChangeCounter={props.onChangeCounter} />}
      {view && hold.kind === 'mine' && (
        <>
          <StateControls session={session} />
          <NoticeLine session={session} />
          <WaitingList session={session} now={now} />
          <div class={`seats seats-${view.seats.length}${view.seats.length >= 3 ? ' compact' : ''}`}>
            {view.seats.map((s) => (
              <Seat session={session} seat={s.seat} now={now} />
            ))}
          </div>
          <details class="keys">
            <summary>{t('keys.title')}</summary>
            <p>{t('keys.help')}</p>
          </details>
        </>
      )}
      {hold.kind !== 'mine' && <NoticeLine session={session} />}
    </>
  );
}

function TopBar({ counter, me, config, onChangeCounter, onLogout }: WorkstationProps) {
  const triage = config?.urls.triage;
  return (
    <header class="bar">
      <h1>{counter.name}</h1>
      <p class="who" data-who>
        <span class="who-name">{t('who.signedIn', { name: me.displayName })}</span>
        <span class="who-site">{counter.siteName}</span>
      </p>
      <span class="spacer" />
      {triage && counter.siteSlug && (
        <nav class="links" aria-label={t('nav.label')}>
          <a href={`${triage}/floor/${counter.siteSlug}`}>{t('nav.floor')}</a>
          <a href={`${triage}/dashboard/${counter.siteSlug}`}>{t('nav.dashboard')}</a>
          {/* Only where the site has given notice: by default there are no per-person figures. */}
          {counter.staffFigures && <a href={`${triage}/staff-figures/${counter.siteSlug}`}>{t('nav.staffFigures')}</a>}
        </nav>
      )}
      <button class="secondary" data-k="change-counter" onClick={onChangeCounter}>
        {t('pick.change')}
      </button>
      <button class="secondary" data-k="logout" onClick={onLogout}>
        {t('logout')}
      </button>
    </header>
  );
}

/** Pause lengths offered: choosing one also names the pause when no reason is typed. */
const PAUSE_PRESETS = [
  { key: 'break', minutes: 15 },
  { key: 'lunch', minutes: 30 },
  { key: 'meeting', minutes: 60 },
] as const;

/** Open, pause (with a reason and an expected length) and close; each disabled button says why beside it. */
function StateControls({ session }: { session: CounterSession }) {
  const c = session.view!.counter;
  const busy = session.view!.seats.some((s) => s.ticket);
  // Its own state: the page renders every second (the seats' clocks), which must not wipe what is being typed.
  const [reason, setReason] = useState(c.pauseReason ?? '');
  const [preset, setPreset] = useState('');
  const chosen = PAUSE_PRESETS.find((p) => p.key === preset) ?? null;
  const until = c.state === 'paused' && c.pausedUntil ? new Date(c.pausedUntil).toTimeString().slice(0, 5) : null;
  const whyOpen = c.state === 'open' ? t('disabled.alreadyOpen') : null;
  const whyPause = c.state === 'paused' ? t('disabled.alreadyPaused') : null;
  const whyClose = c.state === 'closed' ? t('disabled.alreadyClosed') : busy ? t('disabled.citizenAtCounter') : null;
  const hint = whyClose && c.state !== 'closed' ? { id: 'why-close', text: whyClose } : null;
  return (
    <div class="controls">
      <span class={`state state-${c.state}`} id="counter-state" data-state={c.state}>
        {t(`state.${c.state}`)}
        {c.state === 'paused' && c.pauseReason ? ` – ${c.pauseReason}` : ''}
        {until ? ` ${t('pause.until', { time: until })}` : ''}
      </span>
      <button data-k="open" disabled={!!whyOpen} title={whyOpen ?? undefined} aria-describedby={whyOpen ? 'counter-state' : undefined} onClick={() => void session.open()}>
        {t('action.open')} <kbd>O</kbd>
      </button>
      <input
        id="pause-reason"
        aria-label={t('action.pauseReason')}
        placeholder={t('action.pauseReason')}
        maxLength={80}
        value={reason}
        onInput={(e) => setReason((e.target as HTMLInputElement).value)}
      />
      <select id="pause-length" aria-label={t('pause.length')} value={preset} onChange={(e) => setPreset((e.target as HTMLSelectElement).value)}>
        <option value="">{t('pause.length.unknown')}</option>
        {PAUSE_PRESETS.map((p) => (
          <option key={p.key} value={p.key}>
            {t(`pause.preset.${p.key}`, { minutes: p.minutes })}
          </option>
        ))}
      </select>
      <button
        class="secondary"
        data-k="pause"
        disabled={!!whyPause}
        title={whyPause ?? undefined}
        aria-describedby={whyPause ? 'counter-state' : undefined}
        onClick={() => void session.pause(reason.trim() || (chosen ? t(`pause.name.${chosen.key}`) : ''), chosen?.minutes ?? null)}
      >
        {t('action.pause')} <kbd>Shift+P</kbd>
      </button>
      <button class="secondary" data-k="close" disabled={!!whyClose} title={whyClose ?? undefined} aria-describedby={hint ? hint.id : whyClose ? 'counter-state' : undefined} onClick={() => void session.close()}>
        {t('action.close')} <kbd>Shift+L</kbd>
      </button>
      {hint && <Hint id={hint.id} text={hint.text} />}
    </div>
  );
}

/** Information in neutral colours as a status; a refusal as an alert. */
function NoticeLine({ session }: { session: CounterSession }) {
  const n = session.notice;
  return (
    <p class={`notice${n ? ` notice-${n.kind}` : ''}`} id="message" role={n?.kind === 'error' ? 'alert' : 'status'}>
      {n?.text ?? ''}
    </p>
  );
}
