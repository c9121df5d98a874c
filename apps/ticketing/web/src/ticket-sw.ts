/**
 * The ticket page's service worker (scope /t/): shows the "turn near" and
 * "it is your turn" web-push messages the dispatcher sends, encrypted for this
 * browser (RFC 8291), as `{title, body, url, tag}`; a tap opens or focuses the
 * ticket page. Built to a fixed name (ticket-sw.js) and served from /ticket-sw.js
 * with Service-Worker-Allowed: /t/ (apps/ticketing/src/ticketing.app.ts).
 */
interface PushMessage {
  title?: string;
  body?: string;
  url?: string;
  tag?: string;
}
interface SwEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface SwPushEvent extends SwEvent {
  data: { json(): unknown; text(): string } | null;
}
interface SwNotificationEvent extends SwEvent {
  notification: Notification;
}
interface SwClient {
  url: string;
  focus(): Promise<unknown>;
}
interface SwScope {
  registration: ServiceWorkerRegistration;
  clients: { matchAll(o: { type: 'window'; includeUncontrolled: boolean }): Promise<SwClient[]>; openWindow(url: string): Promise<unknown>; claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, fn: (e: never) => void): void;
  location: Location;
}

const sw = self as unknown as SwScope;

function parse(e: SwPushEvent): PushMessage {
  if (!e.data) return {};
  try {
    return e.data.json() as PushMessage;
  } catch {
    return { body: e.data.text() };
  }
}

sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (e: SwEvent) => e.waitUntil(sw.clients.claim()));

sw.addEventListener('push', (e: SwPushEvent) => {
  const m = parse(e);
  e.waitUntil(
    sw.registration.showNotification(m.title || 'Skranke', {
      body: m.body ?? '',
      tag: m.tag,
      data: { url: m.url },
      icon: '/favicon.ico',
    }),
  );
});

sw.addEventListener('notificationclick', (e: SwNotificationEvent) => {
  e.notification.close();
  const url = (e.notification.data as { url?: string } | null)?.url;
  e.waitUntil(
    sw.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((open) => {
      const mine = open.find((c) => (url ? c.url === url : c.url.includes('/t/')));
      if (mine) return mine.focus();
      // Only our own pages: a message never opens another site.
      return url && new URL(url, sw.location.href).origin === sw.location.origin ? sw.clients.openWindow(url) : undefined;
    }),
  );
});
