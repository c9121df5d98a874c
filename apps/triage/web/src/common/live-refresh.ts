import { connectFeed, staffToken } from '@skranke/web';
import type { StaffContext } from './staff-gate';

/**
 * Subscribes to the site's floor channel and calls `refresh` on every event
 * (those within 150 ms of the first together: a busy room's steady stream must
 * not put the refresh off for ever), after a reconnect, and every 20 s for
 * alerts that only time raises. Returns the unsubscribe.
 */
export function liveRefresh(ctx: StaffContext, refresh: () => void, onConnection: (s: 'online' | 'offline') => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      refresh();
    }, 150);
  };
  const reducer = { fromSnapshot: (s: { seq?: number }) => ({ seq: s?.seq ?? 0 }), apply: (_m: { seq: number }, e: { seq: number }) => ({ seq: e.seq }) };
  const { socket } = connectFeed(ctx.config.urls.counterDisplay, staffToken(), { siteId: ctx.site.id, channel: 'floor' }, reducer, soon, (state) => {
    onConnection(state);
    if (state === 'online') soon();
  });
  const interval = setInterval(soon, 20_000);
  return () => {
    clearInterval(interval);
    clearTimeout(timer);
    socket.close();
  };
}
