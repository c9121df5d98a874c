import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, oneAtATime } from '@skranke/web';
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
  // Answers in order, the last from after the last change (oneAtATime).
  const refresh = useMemo(
    () =>
      oneAtATime(async () => {
        try {
          setData(await loader.current());
          setError(null);
        } catch (e) {
          setError(e);
          // Not this user's page: nothing to follow.
          if (e instanceof ApiError && e.status === 403) {
            stop.current();
            return false;
          }
        }
      }),
    [],
  );
  useEffect(() => {
    stop.current = liveRefresh(ctx, () => void refresh(), (s) => setOffline(s === 'offline'));
    void refresh().then(() => (document.body.dataset.ready = 'true'));
    return () => stop.current();
  }, []);
  return { data, error, offline, refresh };
}
