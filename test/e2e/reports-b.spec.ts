/**
 * Reports (8)–(12) of issue 21 against figures computed from the played plan (test/support/stat-days.ts): outcomes
 * and modes of help, transfers between services, estimate accuracy, the exit survey against the wait, assisted
 * self-service seat use; and the period-over-period comparison of report (1). One played set of days for all.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { parse } from 'csv-parse/sync';
import { SettableClock } from '../support/booking';
import { login } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { PlannedVisit, PlayedSite, localInstant, playStatDays } from '../support/stat-days';
import { PlayedSeatDay, playSeatDay } from '../support/stat-self-service';
import { minutes, nearestRank, share, volumeFigures, waitSeconds } from '../support/stat-expect';
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

/** The visits of a played site that report (10) scores: the estimate told at issue (the kiosk's answer, minutes to the second) and the wait from the issue to the call. */
function scored(p: PlayedSite, visits: PlannedVisit[]) {
  return visits.flatMap((v) => {
    const shown = p.shown.get(v.key);
    if (!shown || v.transferredAt || !v.calledAt || !(v.result === 'served' || v.result === 'no-show')) return [];
    const seconds = (m: number) => Math.round(m * 60);
    return [
      { wait: secondsBetween(v.issuedAt, v.calledAt), point: seconds(shown.minutes), low: seconds(shown.low), high: seconds(shown.high) },
    ];
  });
}

function accuracyFigures(tickets: ReturnType<typeof scored>) {
  const mean = (values: number[]) => (values.length ? minutes(values.reduce((x, y) => x + y, 0) / values.length) : null);
  return {
    estimateScored: tickets.length,
    estimateMeanError: mean(tickets.map((s) => s.wait - s.point)),
    estimateMeanAbsoluteError: mean(tickets.map((s) => Math.abs(s.wait - s.point))),
    estimateWithinRangePercent: share(tickets.filter((s) => s.wait >= s.low && s.wait <= s.high).length, tickets.length),
  };
}

/** The wait band by its written definition: minutes, lower bound included, upper excluded. */
function band(seconds: number): string {
  const m = seconds / 60;
  return m < 5 ? '0-5' : m < 15 ? '5-15' : m < 30 ? '15-30' : m < 60 ? '30-60' : '60+';
}

/** Report (11)'s figures for a group of answered visits. */
function surveyFigures(visits: PlannedVisit[]) {
  const answers = visits.map((v) => v.survey!);
  const guidance = (g: string) => share(answers.filter((x) => x.guidance === g).length, answers.length);
  return {
    surveyAnswers: answers.length,
    gotWhatCameForPercent: share(answers.filter((x) => x.gotWhatCameFor).length, answers.length),
    guidanceVeryGoodPercent: guidance('very-good'),
    guidanceGoodPercent: guidance('good'),
    guidancePoorPercent: guidance('poor'),
    guidanceUnacceptablePercent: guidance('unacceptable'),
    feltSeenAndHeardPercent: share(answers.filter((x) => x.feltSeenAndHeard).length, answers.length),
  };
}

describe('reports (8)–(12) and comparisons', () => {
  const clock = new SettableClock(new Date('2026-03-27T06:00:00Z'));
  let sys: TestSystem;
  let a: PlayedSite;
  let b: PlayedSite;
  let seats: PlayedSeatDay;
  let d: PlayedSite;
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
    // Monday of ISO week 44 in 2025 and in 2026, for the comparison with the year before.
    d = await playStatDays(sys, clock, {
      seed: 23,
      name: 'Borgerservice Sammenlign',
      days: [
        { date: '2025-10-27', opensHour: 9, closesHour: 14, visits: 24 },
        { date: '2026-10-26', opensHour: 9, closesHour: 14, visits: 24 },
      ],
    });
    // An assisted self-service station with two seats, on the DST Sunday (a 25-hour day).
    seats = await playSeatDay(sys, clock, { date: '2026-10-25', seats: 2, name: 'Borgerservice Medbetjening' });
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

  it('(10) estimate accuracy: the estimate shown at issue against the wait, per site × service × week', async () => {
    const res = await report(admin, 'estimate-accuracy', `${both()}&from=${FROM}&to=${TO}&interval=week`);
    expectStatus(res, 200);
    const isoWeek: Record<string, string> = {
      '2026-03-27': '2026-W13',
      '2026-03-29': '2026-W13',
      '2026-03-30': '2026-W14',
      '2026-10-25': '2026-W43',
      '2026-10-26': '2026-W44',
    };
    const expected = [];
    for (const week of ['2026-W13', '2026-W14', '2026-W43', '2026-W44'])
      for (const [p, name] of sites())
        for (let s = 0; s < 3; s++) {
          const visits = p.visits.filter((v) => isoWeek[v.date] === week && v.service === s);
          const figures = accuracyFigures(scored(p, visits));
          if (figures.estimateScored) expected.push({ period: week, site: name, service: service(s), ...figures });
        }
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({
      period: null,
      site: null,
      service: null,
      ...accuracyFigures([...scored(a, a.visits), ...scored(b, b.visits)]),
    });
    // The kiosk showed estimates, some waits fell outside them, and the errors are not all zero.
    expect(res.body.totals.estimateScored).toBeGreaterThan(50);
    expect(res.body.totals.estimateMeanAbsoluteError).toBeGreaterThan(0);
  });

  it('(11) survey: answers per wait band, the band derived from the planned wait; never a ticket link or a time of day', async () => {
    const res = await report(admin, 'survey', `${both()}&from=${FROM}&to=${TO}&interval=month`);
    expectStatus(res, 200);
    const answered = (p: PlayedSite) => p.visits.filter((v) => v.survey);
    const expected = [];
    for (const period of ['2026-03', '2026-10'])
      for (const [p, name] of sites())
        for (const b of ['0-5', '5-15', '15-30', '30-60', '60+']) {
          const visits = answered(p).filter((v) => v.date.startsWith(period) && band(waitSeconds(v)!) === b);
          if (visits.length) expected.push({ period, site: name, waitBand: b, ...surveyFigures(visits) });
        }
    expect(new Set(expected.map((r) => r.waitBand)).size).toBeGreaterThan(1);
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, waitBand: null, ...surveyFigures([...answered(a), ...answered(b)]) });
    // What an answer keeps: no ticket, token or time column (privacy by construction, checked on the table itself).
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'survey_answer' ORDER BY column_name`,
      );
      expect(rows.map((r) => r.column_name)).toEqual([
        'business_date',
        'comment',
        'felt_seen_and_heard',
        'got_what_came_for',
        'guidance',
        'id',
        'outcome',
        'service_id',
        'site_id',
        'wait_band',
      ]);
    } finally {
      await db.end();
    }
  });

  it('(12) assisted self-service seats: tickets, busy and open seat time from the counter log, use', async () => {
    const res = await report(
      admin,
      'self-service-seats',
      `siteIds=${a.fixture.siteId},${seats.fixture.siteId}&from=${FROM}&to=${TO}&interval=day`,
    );
    expectStatus(res, 200);
    const served = seats.visits.filter((v) => v.result === 'served');
    const busy = served.reduce((sum, v) => sum + secondsBetween(v.calledAt, v.endedAt), 0);
    const open = seats.open.reduce((sum, o) => sum + secondsBetween(o.from, o.to), 0) * seats.seats;
    const figures = {
      seatTickets: served.length,
      seatBusyMinutes: minutes(busy),
      seatOpenMinutes: minutes(open),
      seatUsePercent: share(busy, open),
    };
    // Only the station's site has a row: site A's counters are ordinary ones.
    expect(res.body.rows).toEqual([{ period: '2026-10-25', site: 'Borgerservice Medbetjening', ...figures }]);
    expect(res.body.totals).toEqual({ period: null, site: null, ...figures });
    // The pause is not open time: 4½ hours × 2 seats.
    expect(figures.seatOpenMinutes).toBe(540);
    expect(seats.visits.some((v) => v.result === 'no-show')).toBe(true);
    expect(new Set(seats.visits.map((v) => v.seat)).size).toBe(2);
  });

  it('(12) as XLSX read back equals the JSON', async () => {
    const query = `siteIds=${seats.fixture.siteId}&from=${FROM}&to=${TO}&interval=month`;
    const json = (await report(admin, 'self-service-seats', query)).body;
    const res = await fetch(`${sys.triage.baseUrl}/reports/self-service-seats?${query}&format=xlsx`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow({ includeEmpty: true }, (r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'Periode' && r[1] === 'Sted');
    const data = rows
      .slice(header + 1, header + 1 + json.rows.length)
      .map((cells) => Object.fromEntries(json.columns.map((c: { key: string }, i: number) => [c.key, cells[i] ?? null])));
    expect(data).toEqual(json.rows);
    expect(json.rows).toHaveLength(1);
  });

  it('comparison: volume with compare=previous-year puts the same ISO week and weekday a year before beside each row', async () => {
    const withEarlier = (now: PlannedVisit[], then: PlannedVisit[]) => {
      const n = volumeFigures(now, 10);
      const p = then.length ? volumeFigures(then, 10) : null;
      const diff = (x: number | null, y: number | null | undefined) =>
        x === null || y === null || y === undefined ? null : Math.round((x - y) * 10) / 10;
      return {
        ...n,
        arrivedPrevious: p?.arrived ?? null,
        arrivedChangePercent: p ? share(n.arrived - p.arrived, p.arrived) : null,
        servedPrevious: p?.served ?? null,
        servedChangePercent: p ? share(n.served - p.served, p.served) : null,
        waitP50Previous: p?.waitP50 ?? null,
        waitP50Change: diff(n.waitP50, p?.waitP50),
        withinTargetPercentPrevious: p?.withinTargetPercent ?? null,
        withinTargetPercentChange: diff(n.withinTargetPercent, p?.withinTargetPercent),
      };
    };
    const on = (date: string, s?: number) => d.visits.filter((v) => v.date === date && (s === undefined || v.service === s));
    for (const [interval, period] of [
      ['day', '2026-10-26'],
      ['week', '2026-W44'],
      ['month', '2026-10'],
    ] as const) {
      const res = await report(
        admin,
        'volume',
        `siteIds=${d.fixture.siteId}&from=${FROM}&to=${TO}&interval=${interval}&compare=previous-year`,
      );
      expectStatus(res, 200);
      const expected = [0, 1, 2]
        .filter((s) => on('2026-10-26', s).length)
        .map((s) => ({
          period,
          site: 'Borgerservice Sammenlign',
          service: service(s),
          ...withEarlier(on('2026-10-26', s), on('2025-10-27', s)),
        }));
      expect({ interval, rows: res.body.rows }).toEqual({ interval, rows: expected });
      expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...withEarlier(on('2026-10-26'), on('2025-10-27')) });
      expect(res.body.filters.compare).toBe('previous-year');
      expect(res.body.columns.map((c: { key: string }) => c.key)).toContain('waitP50Change');
    }
    // The export says it holds a comparison, in its first lines.
    const csv = await fetch(
      `${sys.triage.baseUrl}/reports/volume?siteIds=${d.fixture.siteId}&from=${FROM}&to=${TO}&compare=previous-year&format=csv&dialect=rfc4180&lang=en`,
      { headers: { authorization: `Bearer ${admin}` } },
    );
    const lines: string[][] = parse(await csv.text(), { relax_column_count: true });
    expect(lines.slice(0, 6)).toContainEqual([
      'Compared with',
      'the same period a year before (week and day: the same ISO week and weekday)',
    ]);
    expect(lines.find((l) => l[0] === 'Period' && l[1] === 'Site')).toContain('Arrived a year before');
    // Without compare, the columns are the plain ones; a report without a comparison refuses it.
    const plain = await report(admin, 'volume', `siteIds=${d.fixture.siteId}&from=${FROM}&to=${TO}`);
    expect(plain.body.columns.map((c: { key: string }) => c.key)).not.toContain('arrivedPrevious');
    expect(plain.body.filters.compare).toBeNull();
    const refused = await report(admin, 'outcomes', `siteIds=${d.fixture.siteId}&from=${FROM}&to=${TO}&compare=previous-year`);
    expect([refused.status, refused.body.error.code]).toEqual([400, 'compare_not_supported']);
    const unknown = await report(admin, 'volume', `siteIds=${d.fixture.siteId}&from=${FROM}&to=${TO}&compare=last-week`);
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'invalid_compare']);
  });

  it('comparison of sites side by side: every row carries its target, so a chart can draw the line; one totals row', async () => {
    const res = await report(
      admin,
      'volume',
      `siteIds=${a.fixture.siteId},${d.fixture.siteId}&from=2026-10-01&to=2026-10-31&interval=month`,
    );
    expectStatus(res, 200);
    expect(new Set(res.body.rows.map((r: { site: string }) => r.site))).toEqual(new Set([VEST, 'Borgerservice Sammenlign']));
    for (const row of res.body.rows) expect(row.targetMinutes).toBe(10);
    expect(res.body.totals).toMatchObject({ site: null, targetMinutes: 10 });
    expect(res.body.totals.arrived).toBe(res.body.rows.reduce((sum: number, r: { arrived: number }) => sum + r.arrived, 0));
  });

  it('scope: a supervisor of one site gets 403 for the other in these reports', async () => {
    for (const id of ['outcomes', 'transfers', 'estimate-accuracy', 'survey', 'self-service-seats']) {
      const res = await report(supervisorA, id, `siteIds=${b.fixture.siteId}&from=${FROM}&to=${TO}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('report_site_forbidden');
    }
  });
});
