/**
 * Reports (8)–(12) of issue 21 against figures computed from the played plan (test/support/stat-days.ts): outcomes
 * and modes of help, transfers between services, estimate accuracy, the exit survey against the wait, assisted
 * self-service seat use; and the period-over-period comparison of report (1). One played set of days for all.
 */
import { parse } from 'csv-parse/sync';
import { SettableClock } from '../support/booking';
import { login } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { PlannedVisit, PlayedSite, localInstant, playStatDays } from '../support/stat-days';
import { minutes, nearestRank, share } from '../support/stat-expect';
import { ADMIN, TestSystem, startSystem } from '../support/system';

const FROM = '2026-03-01';
const TO = '2026-10-31';
const VEST = 'Borgerservice Vest';
const OST = 'Borgerservice Øst';

const OUTCOMES = [
  ['resolved', 'outcomeResolved'],
  ['referred-back-office', 'outcomeReferredBackOffice'],
  ['referred-authority', 'outcomeReferredAuthority'],
  ['self-service', 'outcomeSelfService'],
  ['follow-up', 'outcomeFollowUp'],
] as const;
const HELP_MODES = [
  ['advice', 'helpAdvice'],
  ['motivation', 'helpMotivation'],
  ['problem-solving', 'helpProblemSolving'],
  ['instruction', 'helpInstruction'],
] as const;

const secondsBetween = (a: Date, b: Date) => Math.max(0, Math.floor((b.getTime() - a.getTime()) / 1000));
const dates = (p: PlayedSite) => [...new Set(p.visits.map((v) => v.date))].sort();

/** Report (8)'s figures for a group of visits: served without slips, outcome and mode counts and shares. */
function outcomeFigures(visits: PlannedVisit[]) {
  const served = visits.filter((v) => v.result === 'served');
  const row: Record<string, number | null> = { servedVisits: served.length };
  for (const [value, key] of OUTCOMES) {
    row[key] = served.filter((v) => v.outcome === value).length;
    row[`${key}Percent`] = share(row[key]!, served.length);
  }
  for (const [value, key] of HELP_MODES) {
    row[key] = served.filter((v) => v.helpMode === value).length;
    row[`${key}Percent`] = share(row[key]!, served.length);
  }
  row.helpNone = served.filter((v) => !v.helpMode).length;
  return row;
}

/** Report (9)'s figures for a group of transferred visits: each planned visit is transferred once, then called. */
function transferFigures(visits: PlannedVisit[]) {
  const waits = visits.map((v) => secondsBetween(v.transferredAt!, v.calledAt!));
  return { transfers: visits.length, transferWaitMeasured: waits.length, transferWaitP50: minutes(nearestRank(waits, 0.5)) };
}

describe('reports (8)–(12) and comparisons', () => {
  const clock = new SettableClock(new Date('2026-03-27T06:00:00Z'));
  let sys: TestSystem;
  let a: PlayedSite;
  let b: PlayedSite;
  let supervisorA: string;
  let admin: string;

  beforeAll(async () => {
    sys = await startSystem({ clock });
    a = await playStatDays(sys, clock, { seed: 21, name: VEST });
    b = await playStatDays(sys, clock, {
      seed: 22,
      name: OST,
      days: [{ date: '2026-10-26', opensHour: 9, closesHour: 14, visits: 24 }],
    });
    clock.set(localInstant('2026-10-27', 10));
    supervisorA = a.fixture.tokens.supervisor;
    admin = await login(sys.triage, ADMIN.username, ADMIN.password);
  }, 300_000);
  afterAll(() => sys?.stop());

  const report = (token: string, id: string, query: string) => sys.triage.as(token).get(`/reports/${id}?${query}`);
  const service = (i: number) => `Ydelse ${i}`;
  const both = () => `siteIds=${a.fixture.siteId},${b.fixture.siteId}`;
  const sites = (): [PlayedSite, string][] => [
    [a, VEST],
    [b, OST],
  ];

  it('(8) outcomes: by day, every site × service row and the totals equal the plan, DST days included', async () => {
    const res = await report(supervisorA, 'outcomes', `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&interval=day`);
    expectStatus(res, 200);
    const expected = [];
    for (const date of dates(a))
      for (let s = 0; s < 3; s++) {
        const visits = a.visits.filter((v) => v.date === date && v.service === s);
        if (visits.some((v) => v.result === 'served'))
          expected.push({ period: date, site: VEST, service: service(s), ...outcomeFigures(visits) });
      }
    expect(expected.length).toBeGreaterThan(10);
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...outcomeFigures(a.visits) });
    // Slips are no visit: the plan had some, and they are not counted.
    const slips = a.visits.filter((v) => v.result === 'mistaken').length;
    expect(slips).toBeGreaterThan(0);
    expect(res.body.totals.servedVisits).toBe(a.visits.filter((v) => v.result === 'served').length);
    for (const c of res.body.columns) expect(c.definition.length).toBeGreaterThan(10);
  });

  it('(8) outcomes by month over two sites; the labels in English', async () => {
    const res = await report(admin, 'outcomes', `${both()}&from=${FROM}&to=${TO}&interval=month&lang=en`);
    expectStatus(res, 200);
    const expected = [];
    for (const period of ['2026-03', '2026-10'])
      for (const [p, name] of sites())
        for (let s = 0; s < 3; s++) {
          const visits = p.visits.filter((v) => v.date.startsWith(period) && v.service === s);
          if (visits.some((v) => v.result === 'served'))
            expected.push({ period, site: name, service: `Service ${s}`, ...outcomeFigures(visits) });
        }
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...outcomeFigures([...a.visits, ...b.visits]) });
    expect(res.body.columns.find((c: { key: string }) => c.key === 'outcomeResolvedPercent').label).toBe('% resolved');
  });

  it('(9) transfers: from → to per site and day, count and median wait after the transfer, from the event log', async () => {
    const res = await report(admin, 'transfers', `${both()}&from=${FROM}&to=${TO}&interval=day`);
    expectStatus(res, 200);
    const expected = [];
    const all: PlannedVisit[] = [];
    for (const date of [...new Set([...dates(a), ...dates(b)])].sort())
      for (const [p, name] of sites())
        for (let from = 0; from < 3; from++)
          for (let to = 0; to < 3; to++) {
            const moved = p.visits.filter((v) => v.date === date && v.transferredAt && v.drawnService === from && v.service === to);
            all.push(...moved);
            if (moved.length)
              expected.push({ period: date, site: name, fromService: service(from), toService: service(to), ...transferFigures(moved) });
          }
    expect(all.length).toBeGreaterThan(5);
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, fromService: null, toService: null, ...transferFigures(all) });
  });

  it('(9) transfers as CSV (excel-da) parse back to the JSON', async () => {
    const query = `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&interval=month`;
    const json = (await report(supervisorA, 'transfers', query)).body;
    const res = await fetch(`${sys.triage.baseUrl}/reports/transfers?${query}&format=csv`, {
      headers: { authorization: `Bearer ${supervisorA}` },
    });
    expect(res.status).toBe(200);
    const lines: string[][] = parse((await res.text()).replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true });
    const header = lines.findIndex((l) => l[0] === 'Periode' && l[1] === 'Sted');
    expect(lines[header]).toEqual(json.columns.map((c: { label: string }) => c.label));
    const fromCsv = (cells: string[]) =>
      Object.fromEntries(
        json.columns.map((c: { key: string; kind: string }, i: number) => [
          c.key,
          cells[i] === '' ? null : ['text', 'period'].includes(c.kind) ? cells[i] : Number(cells[i].replace(',', '.')),
        ]),
      );
    expect(lines.slice(header + 1, header + 1 + json.rows.length).map(fromCsv)).toEqual(json.rows);
    expect(json.rows.length).toBeGreaterThan(2);
  });

  it('scope: a supervisor of one site gets 403 for the other in these reports', async () => {
    for (const id of ['outcomes', 'transfers']) {
      const res = await report(supervisorA, id, `siteIds=${b.fixture.siteId}&from=${FROM}&to=${TO}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('report_site_forbidden');
    }
  });
});
