import { io } from 'socket.io-client';

/** How long without a connection before the page says so: a real outage shows well within 5 s, a blip does not. */
export const OFFLINE_AFTER_MS = 3000;

/**
 * Calls `refresh` (coalesced) whenever anything happens at the site or to the
 * signed-in user (e.g. their counter taken over), after every reconnect, and
 * when the hub refuses the token; reports 'offline' after OFFLINE_AFTER_MS
 * without a connection. The returned stop ends the socket and every timer, so
 * a page that moved on (another counter) never hears from this one again.
 */
export function liveRefresh(siteId: string, channel: 'counter' | 'display', token: string, refresh: () => void, onConnection: (s: 'online' | 'offline') => void) {
  const socket = io(location.origin, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnectionDelayMax: 3000 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offline: ReturnType<typeof setTimeout> | undefined;
  let queued = false;
  let stopped = false;
  const schedule = () => {
    if (queued || stopped) return;
    queued = true;
    timer = setTimeout(() => {
      queued = false;
      if (!stopped) refresh();
    }, 50);
  };
  socket.on('connect', () => {
    clearTimeout(offline);
    onConnection('online');
    socket.emit('subscribe', { siteId, channel }, () => schedule());
  });
  let refused = false;
  // An ended token: the next request answers 401 and the page shows its login screen.
  socket.on('error' as never, (e: { code?: string }) => {
    if (e?.code !== 'unauthenticated') return;
    refused = true;
    socket.close();
    refresh();
  });
  socket.on('disconnect', (reason) => {
    // Our own close (the page moved on) is no outage.
    if (stopped) return;
    clearTimeout(offline);
    offline = setTimeout(() => !stopped && onConnection('offline'), OFFLINE_AFTER_MS);
    // Closed by the server (a role removed, a token ended): reconnect once to learn which.
    if (reason === 'io server disconnect' && !refused) setTimeout(() => !refused && !stopped && socket.connect(), 1000);
  });
  socket.onAny(() => schedule());
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(offline);
    socket.close();
  };
}
