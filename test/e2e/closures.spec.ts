import { Client } from 'pg';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { Api, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(120_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1).
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const at = (date: string, time: string) => `${date}T${time}:00+0${date >= '2027-03-28' ? 2 : 1}:00`;

/**
 * A supervisor closes a service, or the whole site, for a day: the day's booked
 * times are cancelled with reason 'closure' and listed for staff; nothing more
 * can be booked that day. Four counters 08–16 shared by two bookable services
 * (two counters' worth each), share 0.5, 15-minute times: one booking fits in
 * each quarter of an hour.
 */
describe('closing a day for bookings', () => {
  let sys: TestSystem;
  let db: Client;
  let second: Api;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    second = (await sys.startExtra('ticketing', { RUN_WORKERS: 'false' })).api;
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sys.stop();
  });
  beforeEach(() => clock.set(MONDAY_EARLY));

  async function site(): Promise<BookableSite & { otherServiceId: string }> {
    const f = await seedBookableSite(sys, { counters: 4, services: 2, minutes: 15, share: 0.5 });
    const admin = sys.triage.as(f.tokens.admin);
    const otherServiceId = f.services[1].id;
    expectStatus(await admin.patch(`/sites/${f.siteId}/services/${otherServiceId}`, { bookable: true, appointmentMinutes: 15, minNoticeMinutes: 0 }), 200);
    expectStatus(await admin.put(`/sites/${f.siteId}/services/${otherServiceId}/booking-share`, { share: 0.5 }), 200);
    return { ...f, otherServiceId };
  }

  const book = (api: Api, f: BookableSite, serviceId: string, startsAt: string, contact?: object) =>
    api.post(`/public/sites/${f.slug}/appointments`, { serviceId, startsAt, ...(contact ? { contact } : {}) });

  async function statuses(ids: string[]): Promise<Record<string, [string, string | null]>> {
    const { rows } = await db.query('SELECT id, status, cancel_reason FROM appointment WHERE id = ANY($1)', [ids]);
    return Object.fromEntries(rows.map((r) => [r.id, [r.status, r.cancel_reason]]));
  }

  it('closes one service’s day: its bookings are cancelled and listed, the other service’s stay, nothing more is booked', async () => {
    const f = await site();
    const tue = '2027-03-23';
    const a = await book(sys.ticketing, f, f.serviceId, at(tue, '10:00'), { phone: '+45 20 30 40 50' });
    const b = await book(sys.ticketing, f, f.serviceId, at(tue, '09:00'));
    const c = await book(sys.ticketing, f, f.otherServiceId, at(tue, '09:00'), { email: 'borger@example.dk' });
    const d = await book(sys.ticketing, f, f.serviceId, at('2027-03-24', '09:00'));
    for (const r of [a, b, c, d]) expectStatus(r, 201);

    const supervisor = sys.ticketing.as(f.tokens.supervisor);
    const res = await supervisor.post(`/sites/${f.siteId}/closures`, { date: tue, serviceId: f.serviceId, reason: 'Systemnedbrud' });
    expectStatus(res, 201);
    // Earliest first, with whether a contact is held (never the contact).
    expect(res.body).toEqual({
      date: tue,
      serviceIds: [f.serviceId],
      cancelled: [
        { id: b.body.id, bookingCode: b.body.bookingCode, serviceId: f.serviceId, startsAt: at(tue, '09:00'), hasContact: false },
        { id: a.body.id, bookingCode: a.body.bookingCode, serviceId: f.serviceId, startsAt: at(tue, '10:00'), hasContact: true },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain('20 30');
    expect(await statuses([a, b, c, d].map((r) => r.body.id))).toEqual({
      [a.body.id]: ['cancelled', 'closure'],
      [b.body.id]: ['cancelled', 'closure'],
      [c.body.id]: ['booked', null],
      [d.body.id]: ['booked', null],
    });
    const { rows } = await db.query('SELECT closed_at, closed_reason FROM appointment_day WHERE service_id = $1 AND date = $2', [f.serviceId, tue]);
    expect(rows).toEqual([{ closed_at: new Date(MONDAY_EARLY), closed_reason: 'Systemnedbrud' }]);
    // The citizen with a contact is told through the notification outbox (in the same transaction); the other only by staff.
    const { rows: told } = await db.query(
      `SELECT subject_id, channel, params->>'reason' AS reason, due_at FROM notification WHERE kind = 'booking-cancelled' AND subject_id = ANY($1)`,
      [[a.body.id, b.body.id]],
    );
    expect(told).toEqual([{ subject_id: a.body.id, channel: 'sms', reason: 'closure', due_at: new Date(MONDAY_EARLY) }]);

    // The citizen's manage page shows it cancelled; nothing is offered or booked that day.
    expect((await sys.ticketing.get(`/public/appointments/${a.body.manageToken}`)).body.status).toBe('cancelled');
    const slots = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${tue}&to=${tue}`);
    expect(slots.body.days).toEqual([{ date: tue, slots: [] }]);
    const refused = await book(sys.ticketing, f, f.serviceId, at(tue, '11:00'));
    expect([refused.status, refused.body.error.code]).toEqual([422, 'day_closed']);
    const staffRefused = await supervisor.post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt: at(tue, '11:00') });
    expect([staffRefused.status, staffRefused.body.error.code]).toEqual([422, 'day_closed']);

    // Closing again changes nothing and cancels nothing; the audit log has both.
    clock.advance(5);
    const again = await supervisor.post(`/sites/${f.siteId}/closures`, { date: tue, serviceId: f.serviceId });
    expect(again.body.cancelled).toEqual([]);
    const { rows: still } = await db.query('SELECT closed_at FROM appointment_day WHERE service_id = $1 AND date = $2', [f.serviceId, tue]);
    expect(still[0].closed_at).toEqual(new Date(MONDAY_EARLY));
    const { rows: audit } = await db.query(`SELECT action, details FROM audit_entry WHERE site_id = $1 AND action LIKE 'appointments.%' ORDER BY at`, [f.siteId]);
    expect(audit.map((r) => [r.action, r.details.cancelled])).toEqual([['appointments.day-closed', 2], ['appointments.day-closed', 0]]);

    // Reopened: times are offered again (the closure's cancellations hold no place), the cancelled stay cancelled.
    const reopened = await supervisor.delete(`/sites/${f.siteId}/closures?date=${tue}&serviceId=${f.serviceId}`);
    expectStatus(reopened, 200);
    expect(reopened.body).toEqual({ date: tue, serviceIds: [f.serviceId] });
    const free = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${tue}&to=${tue}`);
    expect(free.body.days[0].slots.map((s: { startsAt: string }) => s.startsAt)).toContain(at(tue, '09:00'));
    expectStatus(await book(sys.ticketing, f, f.serviceId, at(tue, '09:00')), 201);
    expect((await statuses([a.body.id]))[a.body.id]).toEqual(['cancelled', 'closure']);
  });

  it('closes every bookable service of the site for a day; checked-in citizens keep their place', async () => {
    const f = await site();
    clock.set('2027-03-22T07:55:00Z'); // 08:55, today
    const today = '2027-03-22';
    const checkedIn = await book(sys.ticketing, f, f.serviceId, at(today, '09:00'));
    const later = await book(sys.ticketing, f, f.serviceId, at(today, '11:00'));
    const other = await book(sys.ticketing, f, f.otherServiceId, at(today, '12:00'));
    for (const r of [checkedIn, later, other]) expectStatus(r, 201);
    expectStatus(await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: checkedIn.body.bookingCode }), 201);

    const res = await sys.ticketing.as(f.tokens.admin).post(`/sites/${f.siteId}/closures`, { date: today });
    expectStatus(res, 201);
    expect(res.body.serviceIds.sort()).toEqual([f.serviceId, f.otherServiceId].sort());
    expect(res.body.cancelled.map((c: { id: string }) => c.id)).toEqual([later.body.id, other.body.id]);
    expect((await statuses([checkedIn.body.id]))[checkedIn.body.id]).toEqual(['checked-in', null]);
    for (const serviceId of [f.serviceId, f.otherServiceId]) {
      const refused = await book(sys.ticketing, f, serviceId, at(today, '14:00'));
      expect(refused.body.error.code).toBe('day_closed');
    }
    // Reopening the whole site opens both.
    expect((await sys.ticketing.as(f.tokens.admin).delete(`/sites/${f.siteId}/closures?date=${today}`)).body.serviceIds).toHaveLength(2);
    expectStatus(await book(sys.ticketing, f, f.otherServiceId, at(today, '14:00')), 201);
  });

  it('never leaves a booking on a closed day when bookings race the closure on two instances (10 rounds)', async () => {
    const f = await site();
    const days = ['2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02', '2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09', '2027-04-12'];
    const supervisor = sys.ticketing.as(f.tokens.supervisor);
    let before = 0;
    let after = 0;
    for (const [round, date] of days.entries()) {
      // 16 bookings of different times (one fits each quarter), alternating instances, the closure among them.
      const times = Array.from({ length: 16 }, (_, i) => at(date, `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`));
      const bookings = times.map((t, i) => book(i % 2 ? second : sys.ticketing, f, f.serviceId, t));
      const closure = new Promise((r) => setTimeout(r, round % 4)).then(() => supervisor.post(`/sites/${f.siteId}/closures`, { date, serviceId: f.serviceId }));
      const [closed, ...answers] = await Promise.all([closure, ...bookings]);
      expectStatus(closed as any, 201);
      const made = answers.filter((r) => r.status === 201).map((r) => r.body.id).sort();
      const refused = answers.filter((r) => r.status !== 201);
      expect(refused.map((r) => r.body.error.code)).toEqual(refused.map(() => 'day_closed'));
      // Every booking that got in before the closure is in its list, and cancelled.
      expect((closed as any).body.cancelled.map((c: { id: string }) => c.id).sort()).toEqual(made);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM appointment WHERE service_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status = 'booked'`,
        [f.serviceId, `${date}T00:00:00+02:00`, `${date}T23:59:59+02:00`],
      );
      expect(rows[0].n).toBe(0);
      before += made.length;
      after += refused.length;
    }
    // Both orders happened: some bookings came before the closure, some after.
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
  });

  it('refuses bad input with a code, and is for the site’s supervisors and administrators only', async () => {
    const f = await site();
    const other = await site();
    const path = `/sites/${f.siteId}/closures`;
    const supervisor = sys.ticketing.as(f.tokens.supervisor);
    const cases: [unknown, number, string][] = [
      [{ date: '2027-03-19' }, 422, 'in_the_past'],
      [{ date: '2027-02-30' }, 400, 'invalid_date'],
      [{ date: '23-03-2027' }, 400, 'invalid_date'],
      [{}, 400, 'validation_failed'],
      [{ date: '2027-03-23', serviceId: 'nope' }, 400, 'validation_failed'],
      [{ date: '2027-03-23', serviceId: other.serviceId }, 404, 'service_not_found'],
      [{ date: '2027-03-23', reason: 'Borger 010190-1234 ringede' }, 400, 'cpr_not_allowed'],
      [{ date: '2027-03-23', reason: 'x'.repeat(201) }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await supervisor.post(path, body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status, code });
    }
    // A service that cannot be booked has no bookings to close.
    const admin = sys.triage.as(f.tokens.admin);
    expectStatus(await admin.patch(`/sites/${f.siteId}/services/${f.otherServiceId}`, { bookable: false }), 200);
    const notBookable = await supervisor.post(path, { date: '2027-03-23', serviceId: f.otherServiceId });
    expect([notBookable.status, notBookable.body.error.code]).toEqual([422, 'service_not_bookable']);
    const badReopen = await supervisor.delete(`${path}?date=yesterday`);
    expect([badReopen.status, badReopen.body.error.code]).toEqual([400, 'invalid_date']);
    for (const token of [f.tokens.floor, f.tokens.counter, f.tokens.kiosk, other.tokens.supervisor]) {
      expectStatus(await sys.ticketing.as(token).post(path, { date: '2027-03-23' }), 403);
    }
    const { rows } = await db.query('SELECT count(*)::int AS n FROM appointment_day WHERE service_id = $1 AND closed_at IS NOT NULL', [f.serviceId]);
    expect(rows[0].n).toBe(0);
  });
});
