import type { FloorState } from '../common/room-view';
import { seatLines } from '../common/room-view';
import { serviceName, t } from '../common/texts';
import { matchesNumber } from './number-match';

export interface SearchResult {
  /** Waiting tickets found: the list shows only these, with their actions. */
  waiting: Set<string>;
  /** Found at a counter already ("P012 er kaldt til Skranke 2"). */
  atCounters: string[];
}

export function searchNumber(state: FloorState, query: string): SearchResult | null {
  if (!query.trim()) return null;
  const waiting = new Set(state.services.flatMap((s) => s.tickets.filter((tk) => matchesNumber(query, tk.number)).map((tk) => tk.id)));
  const atCounters = state.counters.flatMap((c) =>
    seatLines(c).filter((s) => s.number && matchesNumber(query, s.number)).map((s) => t('search.atCounter', { number: s.number!, counter: s.label })),
  );
  return { waiting, atCounters };
}

/** "Find nummer": type P12 or 12; the list then shows only the matching tickets, with their actions. */
export function NumberSearch({ query, onQuery, result, state }: { query: string; onQuery: (q: string) => void; result: SearchResult | null; state: FloorState }) {
  const found = result ? state.services.flatMap((s) => s.tickets.filter((tk) => result.waiting.has(tk.id)).map((tk) => t('search.waiting', { number: tk.number, service: serviceName(s.names) }))) : [];
  return (
    <div class="number-search">
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="number-search">{t('search.label')}</label>
        <div class="search-row">
          <input id="number-search" type="search" inputMode="text" autocomplete="off" placeholder={t('search.placeholder')} value={query} onInput={(e) => onQuery(e.currentTarget.value)} />
          {query ? <button type="button" class="secondary" onClick={() => onQuery('')}>{t('search.clear')}</button> : null}
        </div>
      </form>
      <p role="status" data-testid="search-status" class="search-status">
        {result ? (found.length || result.atCounters.length ? [...found, ...result.atCounters].join(' · ') : t('search.none', { query: query.trim() })) : ''}
      </p>
    </div>
  );
}
