import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '@skranke/web';
import { liveRefresh } from './live-refresh';
import type { StaffContext } from './staff-gate';

/**
 * A page's view of the room, loaded now and again on every change at the site
 * (the floor channel), with whether the hub is reachable. The page is marked
 * ready (body[data-ready]) once the first answer, or refusal, is in.
 */
export function useLive<T>(ctx: StaffContext, load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [offline, setOffline] = useState(false);
  const loader = useRef(load);
  loader.current = load;
  const stop = useRef<() => void>(() => undefined);
  // One load at a time, and one more after it when asked meanwhile: answers never land out of order (a slow
  // answer from before a call must not put the called ticket back on the list), and the last is from after the
  // last change.
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const refresh = useCallback((): Promise<void> => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = async () => {
      do {
        again.current = false;
        try {
          setData(await loader.current());
          setError(null);
        } catch (e) {
          setError(e);
          // Not this user's page: nothing to follow.
          if (e instanceof ApiError && e.status === 403) return stop.current();
        }
      } while (again.current);
    };
    running.current = run().finally(() => (running.current = null));
    return running.current;
  }, []);
  useEffect(() => {
    stop.current = liveRefresh(ctx, () => void refresh(), (s) => setOffline(s === 'offline'));
    void refresh().then(() => (document.body.dataset.ready = 'true'));
    return () => stop.current();
  }, []);
  return { data, error, offline, refresh };
}
