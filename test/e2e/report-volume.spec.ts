/**
 * Report (1), volume and service level, against figures computed from the played plan (test/support/stat-days.ts):
 * five days including both DST Sundays, with transfers, no-shows, slips, citizens leaving and tickets expiring.
 * Then the same answer as CSV (both dialects, parsed back) and XLSX (read back with exceljs), the totals row,
 * formula neutralisation, scope in every format, and the refusals of malformed queries.
 */
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { parse } from 'csv-parse/sync';
import { SettableClock } from '../support/booking';
import { login, seedSite } from '../support/fixtures';
import { seedHistory } from '../../tools/bench/statistics-seed';
import { expectStatus } from '../support/http';
import { PlayedSite, localInstant, playStatDays } from '../support/stat-days';
import { minutes, volumeFigures, waitSeconds } from '../support/stat-expect';
import { ADMIN, TestSystem, startSystem } from '../support/system';

const FROM = '2026-03-01';
const TO = '2026-10-31';

describe('report (1): volume and service level', () => {
  const clock = new SettableClock(new Date('2026-03-27T06:00:00Z'));
  let sys: TestSystem;
  let a: PlayedSite;
  let b: PlayedSite;
  let supervisorA: string;

  beforeAll(async () => {
    sys = await startSystem({ clock });
    a = await playStatDays(sys, clock, { seed: 11, name: 'Borgerservice Nord' });
    b = await playStatDays(sys, clock, {
      seed: 12,
      name: 'Borgerservice Syd',
      days: [{ date: '2026-10-26', opensHour: 9, closesHour: 14, visits: 20 }],
    });
    clock.set(localInstant('2026-10-27', 10));
    supervisorA = a.fixture.tokens.supervisor;
  }, 300_000);
  afterAll(() => sys?.stop());

  const report = (token: string, query: string) => sys.triage.as(token).get(`/reports/volume?${query}`);
  /** seedSite names its services Ydelse 0, 1, 2 in Danish. */
  const serviceName = (_p: PlayedSite, i: number) => `Ydelse ${i}`;

  it('the day close made each played day final in the roll-up, so reports read closed days as they are', async () => {
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT business_date::text AS d FROM stat_day_done WHERE site_id = $1 ORDER BY 1`, [
        a.fixture.siteId,
      ]);
      const played = [...new Set(a.visits.map((v) => v.date))].sort();
      expect(rows.map((r) => r.d)).toEqual(expect.arrayContaining(played));
    } finally {
      await db.end();
    }
  });

  it('by day: every site × service × day row equals the figures computed from the plan, DST days included', async () => {
    const res = await report(supervisorA, `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&interval=day`);
    expectStatus(res, 200);
    const expected = [];
    for (const date of [...new Set(a.visits.map((v) => v.date))].sort()) {
      for (let s = 0; s < 3; s++) {
        const visits = a.visits.filter((v) => v.date === date && v.service === s);
        if (!visits.length) continue;
        expected.push({ period: date, site: 'Borgerservice Nord', service: serviceName(a, s), ...volumeFigures(visits, 10) });
      }
    }
    expect(expected.length).toBe(15);
    expect(res.body.rows).toEqual(expected);
    expect(res.body.totals).toEqual({ period: null, site: null, service: null, ...volumeFigures(a.visits, 10) });
    expect(res.body.totals.arrived).toBe(160);
    expect(res.body.filters).toMatchObject({ siteIds: [a.fixture.siteId], from: FROM, to: TO, interval: 'day', lang: 'da' });
    // Every column has its written definition.
    for (const c of res.body.columns) expect(c.definition.length).toBeGreaterThan(10);
    // The plan had what the report must handle.
    for (const r of ['no-show', 'cancelled', 'left', 'expired', 'mistaken'] as const)
      expect(a.visits.some((v) => v.result === r)).toBe(true);
    expect(a.visits.some((v) => v.transferredAt)).toBe(true);
  });

  it('by month and week: two sites side by side with one totals row over both', async () => {
    const both = `siteIds=${a.fixture.siteId},${b.fixture.siteId}`;
    const admin = await login(sys.triage, ADMIN.username, ADMIN.password);
    const month = await report(admin, `${both}&from=${FROM}&to=${TO}&interval=month`);
    expectStatus(month, 200);
    const all = [...a.visits, ...b.visits];
    const row = (p: PlayedSite, name: string, period: string, s: number) => {
      const visits = p.visits.filter((v) => v.date.startsWith(period) && v.service === s);
      return visits.length ? { period, site: name, service: serviceName(p, s), ...volumeFigures(visits, 10) } : null;
    };
    const expected = [];
    for (const period of ['2026-03', '2026-10']) {
      for (const [p, name] of [
        [a, 'Borgerservice Nord'],
        [b, 'Borgerservice Syd'],
      ] as const) {
        for (let s = 0; s < 3; s++) {
          const r = row(p, name, period, s);
          if (r) expected.push(r);
        }
      }
    }
    expect(month.body.rows).toEqual(expected);
    expect(month.body.totals).toEqual({ period: null, site: null, service: null, ...volumeFigures(all, 10) });
    const week = await report(admin, `${both}&from=${FROM}&to=${TO}&interval=week`);
    expectStatus(week, 200);
    // 27 and 29 March are ISO week 13, 30 March week 14; 25 October week 43, 26 October week 44.
    expect([...new Set(week.body.rows.map((r: { period: string }) => r.period))]).toEqual(['2026-W13', '2026-W14', '2026-W43', '2026-W44']);
  });

  it('CSV in excel-da: BOM, semicolons, decimal commas, the filter first and the same figures as the JSON', async () => {
    const query = `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&interval=month`;
    const json = (await report(supervisorA, query)).body;
    const res = await fetch(`${sys.triage.baseUrl}/reports/volume?${query}&format=csv`, {
      headers: { authorization: `Bearer ${supervisorA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', relax_column_count: true });
    expect(lines[0]).toEqual(['Rapport', 'Besøg og serviceniveau']);
    expect(lines[1]).toEqual(['Steder', 'Borgerservice Nord']);
    expect(lines[2]).toEqual(['Periode', FROM, TO]);
    const header = lines.findIndex((l) => l[0] === 'Periode' && l[1] === 'Sted');
    expect(lines[header]).toEqual(json.columns.map((c: { label: string }) => c.label));
    const body = lines.slice(header + 1, header + 1 + json.rows.length);
    const fromCsv = (cells: string[]) =>
      Object.fromEntries(
        json.columns.map((c: { key: string; kind: string }, i: number) => [
          c.key,
          cells[i] === '' ? null : ['text', 'period'].includes(c.kind) ? cells[i] : Number(cells[i].replace(',', '.')),
        ]),
      );
    expect(body.map(fromCsv)).toEqual(json.rows);
    expect(body.some((cells) => cells.some((c) => /^\d+,\d$/.test(c)))).toBe(true);
    const totals = lines[header + 1 + json.rows.length];
    expect(totals[0]).toBe('I alt');
    expect(fromCsv(['', ...totals.slice(1)])).toEqual({ ...json.totals, period: null });
    // The definitions follow the data.
    expect(lines.some((l) => l[0] === 'Definitioner')).toBe(true);
  });

  it('CSV in RFC 4180: commas and decimal points, no BOM', async () => {
    const res = await fetch(
      `${sys.triage.baseUrl}/reports/volume?siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&format=csv&dialect=rfc4180&lang=en`,
      {
        headers: { authorization: `Bearer ${supervisorA}` },
      },
    );
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const lines: string[][] = parse(text, { relax_column_count: true });
    expect(lines[0]).toEqual(['Report', 'Volume and service level']);
    expect(lines.some((l) => l.some((c) => /^\d+\.\d$/.test(c)))).toBe(true);
  });

  it('XLSX read back equals the JSON; a service named like a formula comes out as text in CSV', async () => {
    const query = `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&interval=month`;
    const json = (await report(supervisorA, query)).body;
    const res = await fetch(`${sys.triage.baseUrl}/reports/volume?${query}&format=xlsx`, {
      headers: { authorization: `Bearer ${supervisorA}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Data', 'Definitioner']);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow({ includeEmpty: true }, (r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'Periode' && r[1] === 'Sted');
    const data = rows
      .slice(header + 1, header + 1 + json.rows.length)
      .map((cells) => Object.fromEntries(json.columns.map((c: { key: string }, i: number) => [c.key, cells[i] ?? null])));
    expect(data).toEqual(json.rows);

    const admin = sys.triage.as(a.fixture.tokens.admin);
    const svc = a.fixture.services[0].id;
    const evil = '=HYPERLINK("http://evil.example","klik")';
    expectStatus(await admin.patch(`/sites/${a.fixture.siteId}/services/${svc}`, { names: { da: evil, en: evil, de: evil } }), 200);
    const csv = await fetch(`${sys.triage.baseUrl}/reports/volume?${query}&format=csv`, {
      headers: { authorization: `Bearer ${supervisorA}` },
    });
    const lines: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true });
    const cells = lines.flat();
    expect(cells).toContain(`'${evil}`);
    expect(cells).not.toContain(evil);
  });

  it('scope: a supervisor of one site gets 403 for another site in every format, and for a list that includes it', async () => {
    for (const format of ['json', 'csv', 'xlsx']) {
      for (const ids of [b.fixture.siteId, `${a.fixture.siteId},${b.fixture.siteId}`]) {
        const res = await report(supervisorA, `siteIds=${ids}&from=${FROM}&to=${TO}&format=${format}`);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('report_site_forbidden');
      }
    }
    // Without siteIds: only the caller's own site.
    const own = await report(supervisorA, `from=${FROM}&to=${TO}`);
    expectStatus(own, 200);
    expect(own.body.filters.siteIds).toEqual([a.fixture.siteId]);
    // Counter and floor staff read no statistics.
    for (const token of [a.fixture.tokens.counter, a.fixture.tokens.floor, a.fixture.tokens.kiosk]) {
      expect((await report(token, `siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}`)).status).toBe(403);
    }
  });

  it('malformed queries get a 400 with a code before any query runs', async () => {
    const site = `siteIds=${a.fixture.siteId}`;
    const tried: [string, number, string][] = [
      [`${site}&from=2027-02-30&to=2027-03-01`, 400, 'invalid_date'],
      [`${site}&from=2026-13-01&to=2026-12-01`, 400, 'invalid_date'],
      [`${site}&to=${TO}`, 400, 'invalid_date'],
      [`${site}&from=${TO}&to=${FROM}`, 400, 'invalid_period'],
      [`${site}&from=2020-01-01&to=2026-01-01`, 400, 'period_too_long'],
      [`${site}&from=${FROM}&to=${TO}&interval=hour`, 400, 'interval_not_supported'],
      [`${site}&from=${FROM}&to=${TO}&interval=fortnight`, 400, 'invalid_interval'],
      [`${site}&from=${FROM}&to=${TO}&format=pdf`, 400, 'invalid_format'],
      [`${site}&from=${FROM}&to=${TO}&format=csv&dialect=excel-us`, 400, 'invalid_dialect'],
      [`${site}&from=${FROM}&to=${TO}&lang=fr`, 400, 'invalid_lang'],
      [`siteIds=not-a-uuid&from=${FROM}&to=${TO}`, 400, 'invalid_site_ids'],
      [`siteIds=${a.fixture.siteId}&siteIds=${b.fixture.siteId}&from=${FROM}&to=${TO}`, 400, 'invalid_site_ids'],
      [`${site}&from[]=x&to=${TO}`, 400, 'invalid_date'],
    ];
    for (const [query, status, code] of tried) {
      const res = await report(supervisorA, query);
      expect({ query, status: res.status, code: res.body?.error?.code }).toEqual({ query, status, code });
    }
    const unknown = await sys.triage.as(supervisorA).get(`/reports/nonsense?from=${FROM}&to=${TO}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('report_not_found');
  });

  it('the visits export: one CSV line per played visit with its wait, no ticket number or counter; CSV only', async () => {
    const res = await fetch(
      `${sys.triage.baseUrl}/reports/visits?siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&format=csv&dialect=rfc4180&lang=en`,
      {
        headers: { authorization: `Bearer ${supervisorA}` },
      },
    );
    expect(res.status).toBe(200);
    const lines: string[][] = parse(await res.text(), { relax_column_count: true });
    const header = lines.findIndex((l) => l[0] === 'Date');
    expect(lines[header]).toEqual([
      'Date',
      'Site',
      'Service',
      'Drawn at',
      'Channel',
      'Result',
      'Wait (min)',
      'Handling (min)',
      'Transfers',
      'Outcome',
      'Mode of help',
    ]);
    const rows = lines.slice(
      header + 1,
      lines.findIndex((l, i) => i > header && l.length === 1 && l[0] === ''),
    );
    expect(rows).toHaveLength(a.visits.length);
    const waits = (list: (string | number | null)[]) =>
      list
        .filter((w) => w !== null && w !== '')
        .map(Number)
        .sort((x, y) => x - y);
    expect(waits(rows.map((r) => r[6]))).toEqual(waits(a.visits.map((v) => minutes(waitSeconds(v)))));
    expect(rows.filter((r) => r[5] === 'Slip')).toHaveLength(a.visits.filter((v) => v.result === 'mistaken').length);
    expect(rows.filter((r) => r[8] === '1')).toHaveLength(a.visits.filter((v) => v.transferredAt).length);
    const refused = await sys.triage.as(supervisorA).get(`/reports/visits?siteIds=${a.fixture.siteId}&from=${FROM}&to=${TO}&format=json`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('format_not_supported');
  });

  it('a download the client abandons stops its query and gives the connection back', async () => {
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    try {
      // A site with a long history: 250,000 visits (about 20 MB of CSV), far more than the sockets' buffers hold.
      const big = await seedSite(sys, { services: 3 });
      const seeded = await seedHistory(
        db,
        { siteId: big.siteId, serviceIds: big.services.map((x) => x.id), timezone: 'Europe/Copenhagen' },
        '2026-01-05',
        '2026-03-13',
        5000,
      );
      expect(seeded).toBe(250_000);
      const abort = new AbortController();
      const res = await fetch(`${sys.triage.baseUrl}/reports/visits?siteIds=${big.siteId}&from=2026-01-01&to=2026-03-31&format=csv`, {
        headers: { authorization: `Bearer ${big.tokens.supervisor}` },
        signal: abort.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      const streaming = async () =>
        Number(
          (
            await db.query(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%FROM stat_ticket s JOIN site%' AND state <> 'idle' AND pid <> pg_backend_pid()`,
            )
          ).rows[0].n,
        );
      // The first chunk is the filter's lines, written before the query reaches the database: wait for the query.
      for (let i = 0; i < 50 && (await streaming()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await streaming()).toBe(1);
      abort.abort();
      for (let i = 0; i < 50 && (await streaming()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await streaming()).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('lists the reports with their definitions in the language asked for', async () => {
    const res = await sys.triage.as(supervisorA).get('/reports?lang=en');
    expectStatus(res, 200);
    expect(res.body.map((r: { id: string }) => r.id)).toHaveLength(13);
    expect(res.body.at(-1)).toMatchObject({ id: 'visits', formats: ['csv'] });
    expect(res.body[0]).toMatchObject({
      id: 'volume',
      title: 'Volume and service level',
      available: true,
      intervals: ['month', 'week', 'day'],
    });
  });
});
