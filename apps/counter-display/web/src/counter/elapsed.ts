import { useEffect, useState } from 'preact/hooks';

/** The time now, renewed every `ms`: what the seats' timers and the waiting list's waits count from. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Seconds since `since` as m:ss. */
export function clock(now: number, since: string): string {
  const secs = Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000));
  return `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
}

export const minutesSince = (now: number, since: string) => Math.max(0, Math.floor((now - new Date(since).getTime()) / 60000));

/** How a seat's time compares with its service's target: a colour for a glance across the station. */
export function elapsedLevel(minutes: number, targetMinutes: number): 'ok' | 'warn' | 'bad' {
  if (!targetMinutes) return 'ok';
  if (minutes >= targetMinutes) return 'bad';
  return minutes >= targetMinutes * 0.75 ? 'warn' : 'ok';
}
