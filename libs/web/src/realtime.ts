import { io, Socket } from 'socket.io-client';
import { FeedReducer, SiteFeed } from '@skranke/realtime/client';

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
  socket.on('disconnect', () => {
    clearTimeout(offlineTimer);
    offlineTimer = setTimeout(() => onConnection('offline'), 5000);
  });
  const feed = new SiteFeed<M>(socket, subscription, reducer, onChange);
  return { feed, socket };
}
