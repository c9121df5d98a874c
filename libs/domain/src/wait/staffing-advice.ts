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
  serviceName: string;
  openCounters: number;
}

export interface StaffingAdvice {
  countersNeeded: number;
  /** Counters to open (positive) or that could go (negative). */
  delta: number;
  message: string;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number) => WORDS[n] ?? String(n);
const counters = (n: number) => `${count(n)} ${n === 1 ? 'counter' : 'counters'}`;

export function staffingAdvice(input: StaffingAdviceInput): StaffingAdvice {
  const needed = countersNeeded(input);
  const delta = needed - input.openCounters;
  const goal = `${input.serviceLevelPercent} % within ${input.targetMinutes} minutes`;
  const name = input.serviceName;
  let message: string;
  if (delta > 0) message = `open ${count(delta)} more ${delta === 1 ? 'counter' : 'counters'} for ${name} to reach ${goal}`;
  else if (delta < 0) message = `${counters(-delta)} for ${name} can move to another service and still reach ${goal}`;
  else message = `the ${counters(needed)} open for ${name} reach ${goal}`;
  return { countersNeeded: needed, delta, message };
}
