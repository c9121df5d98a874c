/**
 * The rules per service and site (issue 19 item 5): minimum notice (public only;
 * staff and kiosk skip it), the furthest day released at the site's opening time,
 * Danish public holidays, the site's closed days and exceptions, the counter
 * plan's exceptions, bookable or not, at most N active bookings per contact, and
 * an Idempotency-Key that belongs to the client that sent it.
 */
import { BookableSite, SettableClock, WEEKDAYS_8_TO_16, seedBookableSite } from '../support/booking';
import { Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1).
const MONDAY_EARLY = '2027-03-22T06:00:00Z';

describe('booking rules', () => {
  let sys: TestSystem;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    // X-Forwarded-For is believed from the test's own address, so a request can come "from" another client.
    sys = await startSystem({ clock, env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => sys.stop());
  beforeEach(() => clock.set(MONDAY_EARLY));

  const slots = (f: BookableSite, from: string, to = from, serviceId = f.serviceId) =>
    sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${serviceId}&from=${from}&to=${to}`);
  /** Free times per date. */
  const timesByDay = async (f: BookableSite, from: string, to = from): Promise<Record<string, string[]>> => {
    const r = await slots(f, from, to);
    expectStatus(r, 200);
    return Object.fromEntries(r.body.days.map((d: { date: string; slots: { startsAt: string }[] }) => [d.date, d.slots.map((s) => s.startsAt)]));
  };
  const book = (f: BookableSite, startsAt: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    sys.ticketing.request('POST', `/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt, ...extra }, headers);
  const staffBook = (f: BookableSite, token: string, startsAt: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    sys.ticketing.as(token).request('POST', `/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt, ...extra }, headers);
  const refused = (r: Reply, status: number, code: string) => {
    expectStatus(r, status);
    expect(r.body.error.code).toBe(code);
  };

  describe('minimum notice', () => {
    it('hides and refuses times within the notice for the public (422 notice_too_short); staff and the kiosk skip it', async () => {
      const f = await seedBookableSite(sys, { counters: 3, minutes: 15, share: 1, minNoticeMinutes: 60 });
      clock.set('2027-03-23T08:00:00Z'); // Tuesday 09:00
      const today = (await timesByDay(f, '2027-03-23'))['2027-03-23'];
      expect(today[0]).toBe('2027-03-23T10:00:00+01:00');
      refused(await book(f, '2027-03-23T09:45:00+01:00'), 422, 'notice_too_short');
      const notice = await book(f, '2027-03-23T09:15:00+01:00');
      expect(notice.body.error.details).toEqual({ minutes: 60 });
      expectStatus(await book(f, '2027-03-23T10:00:00+01:00'), 201);

      const staff = await staffBook(f, f.tokens.floor, '2027-03-23T09:15:00+01:00');
      expectStatus(staff, 201);
      const kiosk = await staffBook(f, f.tokens.kiosk, '2027-03-23T09:15:00+01:00');
      expectStatus(kiosk, 201);
      // Even staff cannot book a time that has begun.
      refused(await staffBook(f, f.tokens.floor, '2027-03-23T09:00:00+01:00'), 422, 'in_the_past');
      refused(await staffBook(f, f.tokens.supervisor, '2027-03-23T08:45:00+01:00'), 422, 'in_the_past');

      const list = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=2027-03-23`);
      expectStatus(list, 200);
      expect(list.body.map((a: { startsAt: string; bookedBy: string }) => `${a.startsAt} ${a.bookedBy}`).sort()).toEqual([
        '2027-03-23T09:15:00+01:00 kiosk', '2027-03-23T09:15:00+01:00 staff', '2027-03-23T10:00:00+01:00 public',
      ]);
    });
  });

  describe('the furthest day', () => {
    it('is released at the site’s opening time (10:00 here), not at midnight', async () => {
      const opening = { weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ opens: '10:00', closes: '16:00' }]])) };
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, maxDaysAhead: 7, openingHours: opening });
      const lastDay = async () => {
        const r = await slots(f, '2027-04-06', '2027-04-30');
        expectStatus(r, 200);
        return r.body.days[r.body.days.length - 1];
      };
      // Tuesday 6 April 2027 (summer time): at 00:01 and at 09:59 the furthest day is Monday 12 April.
      for (const at of ['2027-04-05T22:01:00Z', '2027-04-06T07:59:00Z']) {
        clock.set(at);
        expect((await lastDay()).date).toBe('2027-04-12');
        const beyond = await book(f, '2027-04-13T10:00:00+02:00');
        refused(beyond, 422, 'beyond_booking_horizon');
        expect(beyond.body.error.details).toEqual({ days: 7 });
        // Staff keep to the horizon too.
        refused(await staffBook(f, f.tokens.floor, '2027-04-13T10:00:00+02:00'), 422, 'beyond_booking_horizon');
      }
      // At 10:00, the opening, Tuesday 13 April is released with all its times.
      clock.set('2027-04-06T08:00:00Z');
      const released = await lastDay();
      expect(released.date).toBe('2027-04-13');
      expect(released.slots[0].startsAt).toBe('2027-04-13T10:00:00+02:00');
      expect(released.slots).toHaveLength(24);
      expectStatus(await book(f, '2027-04-13T10:00:00+02:00'), 201);
    });

    it('lists no day before today and none beyond the horizon', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, maxDaysAhead: 3 });
      const r = await slots(f, '2027-03-01', '2027-04-01');
      expectStatus(r, 200);
      // Monday 07:00, before the 08:00 release: today and the next two days.
      expect(r.body.days.map((d: { date: string }) => d.date)).toEqual(['2027-03-22', '2027-03-23', '2027-03-24']);
    });
  });

  describe('closed days', () => {
    it('offers no time on Danish public holidays (Easter 2027, Ascension Day) nor at weekends', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, maxDaysAhead: 120 });
      const easter = await timesByDay(f, '2027-03-24', '2027-03-30');
      expect(Object.fromEntries(Object.entries(easter).map(([date, times]) => [date, times.length]))).toEqual({
        '2027-03-24': 32, // Wednesday
        '2027-03-25': 0, // Maundy Thursday (skærtorsdag)
        '2027-03-26': 0, // Good Friday
        '2027-03-27': 0, // Saturday
        '2027-03-28': 0, // Easter Sunday
        '2027-03-29': 0, // Easter Monday
        '2027-03-30': 32, // Tuesday
      });
      const ascension = await timesByDay(f, '2027-05-05', '2027-05-07');
      expect([ascension['2027-05-05'].length, ascension['2027-05-06'].length, ascension['2027-05-07'].length]).toEqual([32, 0, 32]);
      refused(await book(f, '2027-03-25T09:00:00+01:00'), 422, 'off_grid');
      refused(await staffBook(f, f.tokens.floor, '2027-05-06T09:00:00+02:00'), 422, 'off_grid');
    });

    it('follows the site’s opening-hours exceptions: a holiday opened, a weekday closed', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1 });
      const opening = {
        ...WEEKDAYS_8_TO_16,
        exceptions: [
          { date: '2027-03-25', intervals: [{ opens: '10:00', closes: '12:00' }] },
          { date: '2027-03-24', intervals: [], reason: 'Personaledag' },
        ],
      };
      expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}`, { openingHours: opening }), 200);
      const days = await timesByDay(f, '2027-03-23', '2027-03-26');
      expect(days['2027-03-23']).toHaveLength(32);
      expect(days['2027-03-24']).toEqual([]);
      // Maundy Thursday opened 10–12: the counter plan's 08–16 is clipped to it.
      expect(days['2027-03-25']).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15', '11:30', '11:45'].map((t) => `2027-03-25T${t}:00+01:00`));
      expect(days['2027-03-26']).toEqual([]);
      expectStatus(await book(f, '2027-03-25T11:45:00+01:00'), 201);
      refused(await book(f, '2027-03-25T12:00:00+01:00'), 422, 'off_grid');
      refused(await book(f, '2027-03-24T09:00:00+01:00'), 422, 'off_grid');
    });

    it('follows the counter plan’s exceptions: fewer counters, other hours, none', async () => {
      const f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
      const [a, b] = f.counters.map((c) => c.id);
      const both = [{ counterId: a, opens: '08:00', closes: '16:00' }, { counterId: b, opens: '08:00', closes: '16:00' }];
      const plan = {
        weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, both])),
        exceptions: [
          { date: '2027-03-23', entries: [{ counterId: a, opens: '12:00', closes: '13:00' }] },
          { date: '2027-03-24', entries: [] },
        ],
      };
      expectStatus(await sys.triage.as(f.tokens.admin).put(`/sites/${f.siteId}/counter-plan`, plan), 200);
      const days = await timesByDay(f, '2027-03-22', '2027-03-24');
      expect(days['2027-03-22']).toHaveLength(32);
      expect(days['2027-03-23']).toEqual(['12:00', '12:15', '12:30', '12:45'].map((t) => `2027-03-23T${t}:00+01:00`));
      expect(days['2027-03-24']).toEqual([]);
      // One counter that day: one booking per time.
      expectStatus(await book(f, '2027-03-23T12:00:00+01:00'), 201);
      refused(await book(f, '2027-03-23T12:00:00+01:00'), 409, 'slot_taken');
      expectStatus(await book(f, '2027-03-22T12:00:00+01:00'), 201);
      expectStatus(await book(f, '2027-03-22T12:00:00+01:00'), 201);
      refused(await book(f, '2027-03-22T12:00:00+01:00'), 409, 'slot_taken');
    });
  });

  describe('a service that cannot be booked', () => {
    it('is not listed, has no times and refuses bookings with 422 service_not_bookable', async () => {
      // Both services share the counters (half a counter each): two counters give one booking per time.
      const f = await seedBookableSite(sys, { services: 2, counters: 2, minutes: 15, share: 1 });
      const other = f.services[1].id;
      const info = await sys.ticketing.get(`/public/sites/${f.slug}/booking`);
      expect(info.body.services.map((s: { serviceId: string }) => s.serviceId)).toEqual([f.serviceId]);
      refused(await slots(f, '2027-03-23', '2027-03-23', other), 422, 'service_not_bookable');
      refused(await book(f, '2027-03-23T09:00:00+01:00', { serviceId: other }), 422, 'service_not_bookable');
      refused(await staffBook(f, f.tokens.floor, '2027-03-23T09:00:00+01:00', { serviceId: other }), 422, 'service_not_bookable');

      const booked = await book(f, '2027-03-23T09:00:00+01:00');
      expectStatus(booked, 201);
      expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/services/${f.serviceId}`, { bookable: false }), 200);
      expect((await sys.ticketing.get(`/public/sites/${f.slug}/appointment-services`)).body).toEqual([]);
      refused(await slots(f, '2027-03-23'), 422, 'service_not_bookable');
      refused(await book(f, '2027-03-23T10:00:00+01:00'), 422, 'service_not_bookable');
      refused(await sys.ticketing.post(`/public/appointments/${booked.body.manageToken}/move`, { startsAt: '2027-03-23T10:00:00+01:00' }), 422, 'service_not_bookable');
      // A booking already made stays, and can still be cancelled.
      expect((await sys.ticketing.get(`/public/appointments/${booked.body.manageToken}`)).body.status).toBe('booked');
      expectStatus(await sys.ticketing.post(`/public/appointments/${booked.body.manageToken}/cancel`), 200);
    });
  });

  describe('bookings per contact', () => {
    it('allows 3 active future bookings per mobile number or e-mail however they are written (422 contact_limit_reached)', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1 });
      const at = (i: number) => `2027-03-23T${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00+01:00`;
      const phones = ['+45 20 30 40 50', '+4520304050', '+45 2030 4050'];
      const made = [];
      for (const [i, phone] of phones.entries()) {
        const r = await book(f, at(i), { contact: { phone } });
        expectStatus(r, 201);
        made.push(r.body);
      }
      refused(await book(f, at(3), { contact: { phone: '+45 20304050' } }), 422, 'contact_limit_reached');
      // Staff booking for the same citizen counts against the same limit.
      refused(await staffBook(f, f.tokens.floor, at(3), { contact: { phone: '+4520304050' } }), 422, 'contact_limit_reached');
      expectStatus(await book(f, at(3), { contact: { phone: '+45 20 30 40 51' } }), 201);
      expectStatus(await book(f, at(4)), 201);
      // A cancelled one no longer counts.
      expectStatus(await sys.ticketing.post(`/public/appointments/${made[0].manageToken}/cancel`), 200);
      expectStatus(await book(f, at(5), { contact: { phone: '+45 20 30 40 50' } }), 201);

      for (const [i, email] of ['Borger@Example.dk', 'borger@example.dk', ' BORGER@EXAMPLE.DK '].entries()) expectStatus(await book(f, at(6 + i), { contact: { email } }), 201);
      refused(await book(f, at(9), { contact: { email: 'borger@example.DK' } }), 422, 'contact_limit_reached');
      expectStatus(await book(f, at(9), { contact: { email: 'borger2@example.dk' } }), 201);
    });

    it('takes the limit from the site’s booking settings', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, settings: { booking: { contactLimit: 1 } } });
      expectStatus(await book(f, '2027-03-23T09:00:00+01:00', { contact: { email: 'a@example.dk' } }), 201);
      refused(await book(f, '2027-03-23T09:15:00+01:00', { contact: { email: 'a@example.dk' } }), 422, 'contact_limit_reached');
    });
  });

  describe('the rebook delay', () => {
    it('is the site’s setting: at 0 a cancelled time and the time a move left are free at once', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, settings: { booking: { rebookDelayMinutes: 0 } } });
      const a = await book(f, '2027-03-23T09:00:00+01:00');
      const b = await book(f, '2027-03-23T10:00:00+01:00');
      expectStatus(await sys.ticketing.post(`/public/appointments/${a.body.manageToken}/cancel`), 200);
      expectStatus(await sys.ticketing.post(`/public/appointments/${b.body.manageToken}/move`, { startsAt: '2027-03-23T11:00:00+01:00' }), 200);
      const times = (await timesByDay(f, '2027-03-23'))['2027-03-23'];
      expect(times).toEqual(expect.arrayContaining(['2027-03-23T09:00:00+01:00', '2027-03-23T10:00:00+01:00']));
      expect(times).not.toContain('2027-03-23T11:00:00+01:00');
      expectStatus(await book(f, '2027-03-23T09:00:00+01:00'), 201);
      expectStatus(await book(f, '2027-03-23T10:00:00+01:00'), 201);
    });

    it('at 30 minutes holds a staff cancellation for 30 minutes', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, settings: { booking: { rebookDelayMinutes: 30 } } });
      const a = await book(f, '2027-03-23T09:00:00+01:00');
      expectStatus(await sys.ticketing.as(f.tokens.admin).delete(`/sites/${f.siteId}/appointments/${a.body.id}`), 200);
      clock.advance(29);
      refused(await book(f, '2027-03-23T09:00:00+01:00'), 409, 'slot_taken');
      clock.advance(1);
      expectStatus(await book(f, '2027-03-23T09:00:00+01:00'), 201);
    });
  });

  describe('Idempotency-Key', () => {
    it('is scoped to the client: the same key from another address, staff member or kiosk is another booking', async () => {
      const f = await seedBookableSite(sys, { counters: 3, minutes: 15, share: 1 });
      const time = '2027-03-23T09:00:00+01:00';
      const from = (address: string) => ({ 'Idempotency-Key': 'same-key', 'x-forwarded-for': address });
      const first = await book(f, time, {}, from('192.0.2.10'));
      expectStatus(first, 201);
      const repeat = await book(f, time, {}, from('192.0.2.10'));
      expectStatus(repeat, 200);
      expect(repeat.headers.get('idempotent-replayed')).toBe('true');
      expect(repeat.body).toEqual(first.body);

      const otherAddress = await book(f, '2027-03-23T09:15:00+01:00', {}, from('192.0.2.11'));
      expectStatus(otherAddress, 201);
      expect(otherAddress.body.id).not.toBe(first.body.id);

      const floor = await staffBook(f, f.tokens.floor, time, {}, { 'Idempotency-Key': 'same-key' });
      expectStatus(floor, 201);
      const kiosk = await staffBook(f, f.tokens.kiosk, time, {}, { 'Idempotency-Key': 'same-key' });
      expectStatus(kiosk, 201);
      expect(new Set([first.body.id, otherAddress.body.id, floor.body.id, kiosk.body.id]).size).toBe(4);
      const floorAgain = await staffBook(f, f.tokens.floor, time, {}, { 'Idempotency-Key': 'same-key' });
      expectStatus(floorAgain, 200);
      expect(floorAgain.body.id).toBe(floor.body.id);
      // The time is full now (three counters): a new key gets the honest answer.
      refused(await staffBook(f, f.tokens.floor, time, {}, { 'Idempotency-Key': 'new-key' }), 409, 'slot_taken');
    });

    it('sent twice at once for two different days gives one booking and its replay, never a 409', async () => {
      const f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
      for (let round = 0; round < 6; round++) {
        const headers = { 'Idempotency-Key': `twice-${round}`, 'x-forwarded-for': '192.0.2.30' };
        const time = `T${String(9 + round).padStart(2, '0')}:00:00+01:00`;
        const replies = await Promise.all([book(f, `2027-03-23${time}`, {}, headers), book(f, `2027-03-24${time}`, {}, headers)]);
        expect(replies.map((r) => `${r.status} ${r.body.error?.code ?? ""}`).sort()).toEqual(["200 ", "201 "]);
        expect(replies[0].body.id).toBe(replies[1].body.id);
      }
    });

    it('holds for 24 hours', async () => {
      const f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
      const headers = { 'Idempotency-Key': 'day-key', 'x-forwarded-for': '192.0.2.20' };
      const first = await book(f, '2027-03-24T09:00:00+01:00', {}, headers);
      expectStatus(first, 201);
      clock.advance(23 * 60 + 59);
      expect((await book(f, '2027-03-24T09:00:00+01:00', {}, headers)).status).toBe(200);
      clock.advance(2);
      const later = await book(f, '2027-03-24T09:00:00+01:00', {}, headers);
      expectStatus(later, 201);
      expect(later.body.id).not.toBe(first.body.id);
    });
  });
});
