import { useEffect, useRef, useState } from 'preact/hooks';
import { addDays, siteToday } from '@skranke/web';
import { type SlotDay, freeTimes } from './api';

/** Days asked for in one request (the API allows 62): a phone shows the first free days quickly. */
const WINDOW_DAYS = 28;

export interface FreeDays {
  /** Days with at least one free time, earliest first. */
  days: SlotDay[];
  /** The last date asked for so far (null: nothing yet). */
  until: string | null;
  /** True when the service's whole booking horizon has been asked for. */
  complete: boolean;
  loading: boolean;
  error: unknown;
  /** Asks for the next window (and on until one has a free day, or the horizon ends). */
  more: () => Promise<void>;
  /** Asks again for one date (after 409 slot_taken: the list was out of date). */
  reloadDay: (date: string) => Promise<SlotDay | null>;
}

/**
 * The free days of a service at a site, from today (at the site) to its
 * horizon (maxDaysAhead), asked for a window at a time. `service` null: nothing.
 */
export function useFreeDays(slug: string, service: { serviceId: string; maxDaysAhead: number } | null, timeZone: string): FreeDays {
  const [days, setDays] = useState<SlotDay[]>([]);
  const [until, setUntil] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const serviceId = service?.serviceId ?? null;
  const last = service ? addDays(siteToday(timeZone), service.maxDaysAhead) : null;

  const load = async (after: string | null, mine: number) => {
    if (!service || !last) return;
    setLoading(true);
    setError(null);
    let from = after ? addDays(after, 1) : siteToday(timeZone);
    try {
      while (from <= last) {
        const to = [addDays(from, WINDOW_DAYS - 1), last].sort()[0];
        const got = (await freeTimes(slug, service.serviceId, from, to)).filter((d) => d.slots.length > 0);
        if (mine !== generation.current) return; // another service was chosen meanwhile
        setDays((prev) => [...prev, ...got]);
        setUntil(to);
        if (got.length) break;
        from = addDays(to, 1);
      }
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    const mine = ++generation.current;
    setDays([]);
    setUntil(null);
    if (serviceId) void load(null, mine);
  }, [slug, serviceId]);

  const reloadDay = async (date: string) => {
    if (!service) return null;
    const mine = generation.current;
    const got = (await freeTimes(slug, service.serviceId, date, date))[0] ?? { date, slots: [] };
    if (mine === generation.current) setDays((prev) => prev.map((d) => (d.date === date ? got : d)).filter((d) => d.slots.length > 0));
    return got.slots.length ? got : null;
  };

  return {
    days,
    until,
    complete: !!until && !!last && until >= last,
    loading,
    error,
    more: () => load(until, generation.current),
    reloadDay,
  };
}
