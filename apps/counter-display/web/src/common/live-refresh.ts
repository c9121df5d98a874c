import { io } from 'socket.io-client';

/**
 * Calls `refresh` (coalesced) whenever anything happens at the site, after
 * every reconnect, and when the hub refuses the token; reports 'offline' after
 * 5 s without a connection.
 */
export function liveRefresh(siteId: string, channel: 'counter' | 'display', token: string, refresh: () => void, onConnection: (s: 'online' | 'offline') => void) {
  const socket = io(location.origin, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnectionDelayMax: 3000 });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offline: ReturnType<typeof setTimeout> | undefined;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    timer = setTimeout(() => {
      queued = false;
      refresh();
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
    clearTimeout(offline);
    offline = setTimeout(() => onConnection('offline'), 5000);
    // Closed by the server (a role removed, a token ended): reconnect once to learn which.
    if (reason === 'io server disconnect' && !refused) setTimeout(() => !refused && socket.connect(), 1000);
  });
  socket.onAny(() => schedule());
  return () => {
    clearTimeout(timer);
    socket.close();
  };
}
