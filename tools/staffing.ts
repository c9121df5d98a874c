/**
 * Counters needed for a waiting-time target (Erlang C; Erlang A with --patience-min).
 *   npm run staffing -- --arrivals-per-hour 24 --mean-service-min 10 --target-min 15 --service-level 80 [--patience-min 20]
 */
import { StaffingInput, staffingTable } from '../libs/domain/src/wait/staffing-advice';

function option(args: string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
  return value;
}

function main(args: string[]): void {
  const required = (name: string) => {
    const v = option(args, name);
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  };
  const input: StaffingInput = {
    arrivalsPerHour: required('arrivals-per-hour'),
    meanServiceMinutes: required('mean-service-min'),
    targetMinutes: required('target-min'),
    serviceLevelPercent: option(args, 'service-level') ?? 80,
    patienceMinutes: option(args, 'patience-min'),
  };
  if (input.meanServiceMinutes <= 0) throw new Error('--mean-service-min must be above 0');
  const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null);
  const { countersNeeded, rows } = staffingTable(input);
  const output = {
    input,
    model: input.patienceMinutes ? 'erlang-a' : 'erlang-c',
    offeredLoadErlangs: round((input.arrivalsPerHour * input.meanServiceMinutes) / 60),
    countersNeeded,
    rows: rows.map((r) => ({
      counters: r.counters,
      pWait: round(r.pWait),
      meanWaitMinutes: round(r.meanWaitMinutes),
      serviceLevelPercent: round(r.serviceLevelPercent),
      ...(r.abandonPercent !== undefined ? { abandonPercent: round(r.abandonPercent) } : {}),
    })),
  };
  console.log(JSON.stringify(output, null, 2));
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 2;
}
