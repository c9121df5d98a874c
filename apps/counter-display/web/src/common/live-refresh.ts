import { io } from 'socket.io-client';

/**
 * Calls `refresh` (coalesced) whenever anything happens at the site, and after
 * every reconnect; reports 'offline' after 5 s without a connection.
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
  socket.on('disconnect', () => {
    clearTimeout(offline);
    offline = setTimeout(() => onConnection('offline'), 5000);
  });
  socket.onAny(() => schedule());
  return () => {
    clearTimeout(timer);
    socket.close();
  };
}
