import { h } from '@skranke/web';
import type { TicketingSchemas } from '@skranke/web';
import type { TrackedTicket } from './ticket-views';
import type { tr } from '../languages';

type T = ReturnType<typeof tr>;
type Channel = 'push' | 'sms' | 'email';
export type NotifyBody = TicketingSchemas['schemas']['NotifyMeDto'];
type Push = NonNullable<NotifyBody['push']>;

export interface NotifyActions {
  pushKey(): Promise<string>;
  /** POSTs the request (no re-render). */
  send(body: NotifyBody): Promise<void>;
  /** Fetches the ticket again and renders the page (which shows this panel). */
  refresh(): Promise<unknown>;
  problem(err: unknown): string;
}

/**
 * Web push where this browser can take it from a page: a service worker, the
 * Push API and notifications, in a secure context. An iPhone's Safari outside
 * a Home-Screen app has no PushManager: it gets the SMS (or e-mail) form.
 */
export const pushSupported = () =>
  'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window && window.isSecureContext;

/** The server's answer when the turn became near before the ask arrived (422 turn_already_near). */
const tooNear = (err: unknown) => (err as { code?: string } | null)?.code === 'turn_already_near';

const keyBytes = (base64url: string) => Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** The browser's subscription for this page, through the ticket page's service worker (scope /t/). */
async function subscribe(permission: Promise<NotificationPermission>, key: Promise<string>): Promise<Push> {
  const registration = await navigator.serviceWorker.register('/ticket-sw.js', { scope: '/t/' });
  if ((await permission) !== 'granted') throw new Error('notifications not allowed');
  const existing = await registration.pushManager.getSubscription();
  const sub = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(await key) }));
  const json = sub.toJSON();
  return {
    endpoint: json.endpoint ?? sub.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  };
}

/**
 * "Tell me when my turn is near" on the ticket page. One element kept across
 * the page's re-renders (each queue change renders the page again), rebuilt
 * only when what it shows changes, so a half-typed number and its focus stay.
 */
export function notifyPanel(actions: NotifyActions) {
  const box = h('section', { class: 'notify', 'aria-labelledby': 'notify-title' });
  let mode: 'idle' | 'busy' | 'form' = 'idle';
  let note: string | null = null;
  let error = '';
  let shown = '';
  let latest: { tk: TrackedTicket; t: T } | null = null;

  const again = () => latest && view(latest.tk, latest.t, true);

  function ask(tk: TrackedTicket, t: T) {
    const offered = tk.notifyChannels as Channel[];
    if (!offered.includes('push') || !pushSupported()) {
      mode = 'form';
      note = offered.includes('push') ? t(offered.includes('sms') ? 'notify.noPush' : 'notify.noPushEmail') : null;
      return again();
    }
    // Asked for in the tap itself: browsers allow the permission prompt only in answer to one.
    const permission = Notification.requestPermission();
    mode = 'busy';
    again();
    subscribe(permission, actions.pushKey())
      .then((push) => actions.send({ push }))
      .then(
        () => {
          mode = 'idle';
          note = null;
        },
        (err: unknown) => {
          // Near meanwhile (between the page's last look and the tap): the refresh shows "stay in the waiting room".
          if (tooNear(err)) {
            mode = 'idle';
            note = null;
            return;
          }
          // Refused or no push service: SMS or e-mail where offered, else say so.
          mode = offered.some((c) => c !== 'push') ? 'form' : 'idle';
          note = t(mode === 'form' ? 'notify.pushFailed' : 'notify.pushFailedOnly');
        },
      )
      .finally(() => void actions.refresh().finally(again));
  }

  function form(tk: TrackedTicket, t: T) {
    const offered = (tk.notifyChannels as Channel[]).filter((c): c is 'sms' | 'email' => c !== 'push');
    let channel: 'sms' | 'email' = offered[0];
    const label = h('label', { for: 'notify-contact' });
    const input = h('input', { id: 'notify-contact', name: 'contact', required: true, 'aria-describedby': 'notify-privacy' });
    const setChannel = (c: 'sms' | 'email') => {
      channel = c;
      label.textContent = t(c === 'sms' ? 'notify.phone' : 'notify.emailAddress');
      Object.assign(
        input,
        c === 'sms' ? { type: 'tel', autocomplete: 'tel', inputMode: 'tel' } : { type: 'email', autocomplete: 'email', inputMode: 'email' },
      );
    };
    setChannel(channel);
    const message = h('p', { class: 'error', role: 'alert' }, error);
    const choice =
      offered.length > 1
        ? h(
            'fieldset',
            { class: 'notify-how' },
            h('legend', {}, t('notify.how')),
            offered.map((c) =>
              h(
                'label',
                { class: 'notify-choice' },
                h('input', { type: 'radio', name: 'notify-channel', value: c, checked: c === channel, onchange: () => setChannel(c) }),
                ` ${t(`notify.${c}`)}`,
              ),
            ),
          )
        : null;
    const el = h(
      'form',
      { class: 'notify-form', 'data-channel-form': offered.join(' ') },
      note ? h('p', { class: 'notify-note', role: 'status' }, note) : null,
      choice,
      label,
      input,
      h('p', { id: 'notify-privacy', class: 'notify-privacy' }, t('notify.privacy')),
      message,
      h('button', { type: 'submit', class: 'notify-send' }, t('notify.send')),
    );
    el.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = input.value.trim();
      actions.send(channel === 'sms' ? { phone: value.startsWith('+') ? value : `+45${value}` } : { email: value }).then(
        () => {
          mode = 'idle';
          note = null;
          error = '';
          void actions.refresh().finally(again);
        },
        (err: unknown) => {
          if (tooNear(err)) {
            // Near meanwhile: the panel says to stay in the waiting room instead of the form.
            mode = 'idle';
            note = null;
            error = '';
            void actions.refresh().finally(again);
            return;
          }
          error = actions.problem(err);
          message.textContent = error;
        },
      );
    });
    return el;
  }

  /** The panel for this ticket (null: nothing to offer); `force` rebuilds it. */
  function view(tk: TrackedTicket, t: T, force = false): HTMLElement | null {
    latest = { tk, t };
    if (!tk.notifyChannels.length) return null;
    // An open form shows neither the minutes nor whether the turn is near: the queue moving must not rebuild it
    // (and empty a half-typed number); the server's answer to the send says if it became too near meanwhile.
    const key =
      mode === 'form'
        ? `${tk.language}|${tk.notifyChannel}|${tk.notifyChannels.join()}|form`
        : `${tk.language}|${tk.notifyChannel}|${tk.notifyChannels.join()}|${mode}|${tk.turnNearMinutes}|${tk.turnNearNow}`;
    if (key === shown && !force) return box;
    shown = key;
    const title = h('h2', { id: 'notify-title' }, t('notify.title'));
    if (tk.notifyChannel && mode !== 'form') {
      box.replaceChildren(
        title,
        h(
          'p',
          { class: 'notify-done', role: 'status', 'data-channel': tk.notifyChannel },
          t(`notify.done.${tk.notifyChannel}`, { minutes: tk.turnNearMinutes }),
        ),
      );
    } else if (tk.turnNearNow && mode === 'idle') {
      // Too near for a message to come in time (the endpoint would say turn_already_near): say so, offer nothing.
      box.replaceChildren(
        title,
        h('p', { class: 'notify-near', role: 'status' }, h('strong', {}, t('notify.near'))),
        h('p', { class: 'notify-explain' }, t('notify.nearWhy', { minutes: tk.turnNearMinutes })),
      );
    } else if (mode === 'busy') {
      box.replaceChildren(title, h('p', { class: 'notify-busy', role: 'status' }, t('notify.busy')));
    } else if (mode === 'form') {
      box.replaceChildren(title, form(tk, t));
    } else {
      box.replaceChildren(
        title,
        h('p', { class: 'notify-explain' }, t('notify.explain', { minutes: tk.turnNearMinutes })),
        ...(note ? [h('p', { class: 'notify-note', role: 'status' }, note)] : []),
        h('button', { type: 'button', class: 'notify-ask', onclick: () => ask(tk, t) }, t('notify.ask')),
      );
    }
    return box;
  }

  return { view, element: box };
}
