import { io, Socket } from 'socket.io-client';
import { FeedReducer, SiteFeed } from '@skranke/realtime/client';
import { staffSessionEnded, staffToken } from './session';

export interface LiveFeed<M extends { seq: number }> {
  feed: SiteFeed<M>;
  socket: Socket;
}

/**
 * Connects to the hub and keeps `model` equal to the server's. `onConnection`
 * reports 'offline' only after 5 s without a connection, so a blip does not
 * flash a warning on a waiting-room screen.
 */
export function connectFeed<M extends { seq: number }>(
  hubUrl: string,
  token: string | null,
  subscription: { siteId: string; channel: string; trackingToken?: string },
  reducer: FeedReducer<M>,
  onChange: (model: M, event: { type: string; [k: string]: unknown } | null) => void,
  onConnection: (state: 'online' | 'offline') => void = () => undefined,
): LiveFeed<M> {
  const socket = io(hubUrl, { path: '/socket.io', transports: ['websocket'], auth: token ? { token } : {}, reconnectionDelayMax: 3000 });
  let offlineTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    clearTimeout(offlineTimer);
    onConnection('online');
  });
  let refused = false;
  // The hub refuses an ended token: a staff page goes back to its login screen, nothing retries.
  socket.on('error' as never, (e: { code?: string }) => {
    if (e?.code !== 'unauthenticated') return;
    refused = true;
    socket.close();
    if (token && token === staffToken()) staffSessionEnded();
  });
  socket.on('disconnect', (reason) => {
    clearTimeout(offlineTimer);
    offlineTimer = setTimeout(() => onConnection('offline'), 5000);
    // Closed by the server (a role removed, a token ended): reconnect once to learn which.
    if (reason === 'io server disconnect' && !refused) setTimeout(() => !refused && socket.connect(), 1000);
  });
  const feed = new SiteFeed<M>(socket, subscription, reducer, onChange);
  return { feed, socket };
}
