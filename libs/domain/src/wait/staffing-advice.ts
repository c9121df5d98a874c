/**
 * Staffing from the waiting-time target: how many counters a service needs
 * (Erlang C, or Erlang A when citizens' patience is known), and the sentence
 * a supervisor reads on the dashboard.
 */
import { ErlangResult, erlangC, erlangCServersNeeded } from './erlang-c';
import { erlangA, erlangAServersNeeded } from './erlang-a';

export interface StaffingInput {
  arrivalsPerHour: number;
  meanServiceMinutes: number;
  targetMinutes: number;
  /** e.g. 80 for "80 % within the target". */
  serviceLevelPercent: number;
  /** Mean patience in minutes; absent: citizens wait as long as it takes (Erlang C). */
  patienceMinutes?: number;
}

export interface StaffingRow {
  counters: number;
  pWait: number;
  meanWaitMinutes: number;
  serviceLevelPercent: number;
  /** Only with a patience: the share who give up. */
  abandonPercent?: number;
}

/** Per minute, with the patience when one is given. */
const loadOf = (input: StaffingInput) => ({
  arrivalRate: input.arrivalsPerHour / 60,
  meanServiceTime: input.meanServiceMinutes,
  meanPatience: input.patienceMinutes || Infinity,
});

function evaluate(input: StaffingInput, counters: number): ErlangResult & { pAbandon?: number } {
  const load = loadOf(input);
  return input.patienceMinutes ? erlangA(load, counters, input.targetMinutes) : erlangC(load, counters, input.targetMinutes);
}

export function countersNeeded(input: StaffingInput): number {
  if (input.arrivalsPerHour <= 0) return 0;
  const load = loadOf(input);
  const level = input.serviceLevelPercent / 100;
  return input.patienceMinutes
    ? erlangAServersNeeded(load, input.targetMinutes, level)
    : erlangCServersNeeded(load, input.targetMinutes, level);
}

export function staffingRow(input: StaffingInput, counters: number): StaffingRow {
  const r = evaluate(input, counters);
  const row: StaffingRow = {
    counters,
    pWait: r.pWait,
    meanWaitMinutes: r.meanWait,
    serviceLevelPercent: 100 * r.serviceLevel,
  };
  if (r.pAbandon !== undefined) row.abandonPercent = 100 * r.pAbandon;
  return row;
}

/** The counters needed and the rows from one below to two above it. */
export function staffingTable(input: StaffingInput): { countersNeeded: number; rows: StaffingRow[] } {
  const needed = countersNeeded(input);
  const rows: StaffingRow[] = [];
  for (let s = Math.max(1, needed - 1); s <= needed + 2; s++) rows.push(staffingRow(input, s));
  return { countersNeeded: needed, rows };
}

export interface StaffingAdviceInput extends StaffingInput {
  openCounters: number;
}

/**
 * What to tell the supervisor, as a key and parameters the pages word in their
 * language (never an English sentence): open `counters` more, `counters` could
 * move to another service, or the `counters` open are enough, to reach
 * `level` % within `target` minutes.
 */
export type StaffingAdviceKey = 'staffing.open-more' | 'staffing.can-move' | 'staffing.enough';
export interface StaffingAdviceText {
  key: StaffingAdviceKey;
  params: { counters: number; level: number; target: number };
}

export interface StaffingAdvice {
  countersNeeded: number;
  /** Counters to open (positive) or that could go (negative). */
  delta: number;
  advice: StaffingAdviceText;
}

export function staffingAdvice(input: StaffingAdviceInput): StaffingAdvice {
  const needed = countersNeeded(input);
  const delta = needed - input.openCounters;
  const goal = { level: input.serviceLevelPercent, target: input.targetMinutes };
  const advice: StaffingAdviceText =
    delta > 0
      ? { key: 'staffing.open-more', params: { counters: delta, ...goal } }
      : delta < 0
        ? { key: 'staffing.can-move', params: { counters: -delta, ...goal } }
        : { key: 'staffing.enough', params: { counters: needed, ...goal } };
  return { countersNeeded: needed, delta, advice };
}
