/**
 * The manage link (issue 19 item 4): see, move (the booking code stays) and
 * cancel without logging in, up to the cut-off; a freed time is offered again
 * only after the rebook delay; the calendar file parses with ical.js and names
 * the right instant and zone in winter and in summer.
 */
import ICAL from 'ical.js';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1).
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const TUESDAY = '2027-03-23';

describe('the manage link', () => {
  let sys: TestSystem;
  let f: BookableSite;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
  });
  afterAll(() => sys.stop());
  // One counter, 15-minute times, share 1: every time holds exactly one booking.
  beforeEach(async () => {
    clock.set(MONDAY_EARLY);
    f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, maxDaysAhead: 120 });
  });

  const book = (startsAt: string, extra: Record<string, unknown> = {}) =>
    sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt, ...extra });
  const freeTimes = async (date: string): Promise<string[]> => {
    const r = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=${date}&to=${date}`);
    expectStatus(r, 200);
    return r.body.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots.map((s) => s.startsAt));
  };
  const manage = (token: string, action?: 'cancel' | 'move', body?: unknown): Promise<Reply> =>
    action ? sys.ticketing.post(`/public/appointments/${token}/${action}`, body) : sys.ticketing.get(`/public/appointments/${token}`);

  it('moves a booking to a free time keeping its code, and frees the old time only after the rebook delay', async () => {
    const booked = await book(`${TUESDAY}T09:00:00+01:00`);
    expectStatus(booked, 201);
    const { manageToken, bookingCode, id } = booked.body;

    const seen = await manage(manageToken);
    expectStatus(seen, 200);
    expect(seen.body).toMatchObject({
      id, bookingCode, status: 'booked', serviceId: f.serviceId, changeable: true,
      startsAt: `${TUESDAY}T09:00:00+01:00`, endsAt: `${TUESDAY}T09:15:00+01:00`,
      cancelCutoffAt: `${TUESDAY}T07:00:00+01:00`, site: { slug: f.slug, timezone: 'Europe/Copenhagen' },
    });

    const moved = await manage(manageToken, 'move', { startsAt: `${TUESDAY}T10:30:00+01:00` });
    expectStatus(moved, 200);
    expect(moved.body).toMatchObject({ id, bookingCode, status: 'booked', startsAt: `${TUESDAY}T10:30:00+01:00`, endsAt: `${TUESDAY}T10:45:00+01:00`, changeable: true });
    expect((await manage(manageToken)).body.startsAt).toBe(`${TUESDAY}T10:30:00+01:00`);
    // The new time is held; the old one is held for the rebook delay, as a cancelled time is.
    expect(await freeTimes(TUESDAY)).not.toContain(`${TUESDAY}T10:30:00+01:00`);
    expect(await freeTimes(TUESDAY)).not.toContain(`${TUESDAY}T09:00:00+01:00`);
    expectStatus(await book(`${TUESDAY}T09:00:00+01:00`), 409);
    clock.advance(10);
    expect(await freeTimes(TUESDAY)).toContain(`${TUESDAY}T09:00:00+01:00`);
    expectStatus(await book(`${TUESDAY}T09:00:00+01:00`), 201);
  });

  it('refuses a move to a taken time with 409 slot_taken and leaves the booking where it was', async () => {
    const mine = await book(`${TUESDAY}T09:00:00+01:00`);
    const theirs = await book(`${TUESDAY}T09:15:00+01:00`);
    expectStatus(mine, 201);
    expectStatus(theirs, 201);
    const refused = await manage(mine.body.manageToken, 'move', { startsAt: `${TUESDAY}T09:15:00+01:00` });
    expectStatus(refused, 409);
    expect(refused.body.error.code).toBe('slot_taken');
    expect((await manage(mine.body.manageToken)).body).toMatchObject({ status: 'booked', startsAt: `${TUESDAY}T09:00:00+01:00` });
    // A move onto its own time changes nothing and is allowed (the booking does not count against itself).
    expectStatus(await manage(mine.body.manageToken, 'move', { startsAt: `${TUESDAY}T09:00:00+01:00` }), 200);
  });

  it('cancels once; the cancelled time is offered again only after the rebook delay (default 10 minutes)', async () => {
    const time = `${TUESDAY}T11:00:00+01:00`;
    const booked = await book(time);
    expectStatus(booked, 201);
    expect(await freeTimes(TUESDAY)).not.toContain(time);

    const cancelled = await manage(booked.body.manageToken, 'cancel');
    expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', changeable: false, bookingCode: booked.body.bookingCode, startsAt: time });
    const again = await manage(booked.body.manageToken, 'cancel');
    expectStatus(again, 409);
    expect(again.body.error.code).toBe('appointment_not_booked');
    const moveCancelled = await manage(booked.body.manageToken, 'move', { startsAt: `${TUESDAY}T12:00:00+01:00` });
    expectStatus(moveCancelled, 409);
    expect(moveCancelled.body.error.code).toBe('appointment_not_booked');

    expect(await freeTimes(TUESDAY)).not.toContain(time);
    const early = await book(time);
    expectStatus(early, 409);
    expect(early.body.error.code).toBe('slot_taken');
    clock.advance(9);
    expect(await freeTimes(TUESDAY)).not.toContain(time);
    clock.advance(1);
    expect(await freeTimes(TUESDAY)).toContain(time);
    expectStatus(await book(time), 201);
  });

  it('after the cut-off (default 120 minutes before) cancel and move are 422 cutoff_passed and changeable is false', async () => {
    const booked = await book(`${TUESDAY}T10:00:00+01:00`);
    expectStatus(booked, 201);
    const token = booked.body.manageToken;
    // One minute before the cut-off (08:00) everything is still possible.
    clock.set(`${TUESDAY}T06:59:00Z`);
    expect((await manage(token)).body).toMatchObject({ changeable: true, cancelCutoffAt: `${TUESDAY}T08:00:00+01:00` });
    clock.set(`${TUESDAY}T07:00:00Z`);
    const seen = await manage(token);
    expectStatus(seen, 200);
    expect(seen.body).toMatchObject({ status: 'booked', changeable: false });
    for (const [action, body] of [['cancel', undefined], ['move', { startsAt: `${TUESDAY}T14:00:00+01:00` }]] as const) {
      const refused = await manage(token, action, body);
      expectStatus(refused, 422);
      expect(refused.body.error).toMatchObject({ code: 'cutoff_passed', details: { minutes: 120 } });
    }
    expect((await manage(token)).body).toMatchObject({ status: 'booked', startsAt: `${TUESDAY}T10:00:00+01:00` });
  });

  it('a service’s own cut-off is used (here 30 minutes)', async () => {
    expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/services/${f.serviceId}`, { cancelCutoffMinutes: 30 }), 200);
    const booked = await book(`${TUESDAY}T10:00:00+01:00`);
    clock.set(`${TUESDAY}T08:29:00Z`);
    expect((await manage(booked.body.manageToken)).body).toMatchObject({ changeable: true, cancelCutoffAt: `${TUESDAY}T09:30:00+01:00` });
    clock.set(`${TUESDAY}T08:30:00Z`);
    expect((await manage(booked.body.manageToken, 'cancel')).body.error.code).toBe('cutoff_passed');
  });

  describe('the calendar file', () => {
    const calendar = async (token: string, lang?: string) => {
      const r = await sys.ticketing.get(`/public/appointments/${token}/calendar.ics${lang ? `?lang=${lang}` : ''}`);
      expectStatus(r, 200);
      expect(r.headers.get('content-type')).toMatch(/^text\/calendar/);
      return String(r.body);
    };
    /** The event as a calendar program reads it: ical.js with the file's own VTIMEZONE. */
    const readEvent = (text: string) => {
      const root = new ICAL.Component(ICAL.parse(text));
      const zone = new ICAL.Timezone(root.getFirstSubcomponent('vtimezone')!);
      ICAL.TimezoneService.register(zone, 'Europe/Copenhagen');
      try {
        const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
        return {
          event,
          tzid: root.getFirstSubcomponent('vevent')!.getFirstProperty('dtstart')!.getParameter('tzid'),
          start: event.startDate.toJSDate().toISOString(),
          end: event.endDate.toJSDate().toISOString(),
          offsetSeconds: event.startDate.utcOffset(),
          status: root.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status'),
        };
      } finally {
        ICAL.TimezoneService.remove('Europe/Copenhagen');
      }
    };

    it.each([
      ['winter (UTC+1)', `${TUESDAY}T09:00:00+01:00`, '2027-03-23T08:00:00.000Z', '2027-03-23T08:15:00.000Z', 3600, ['STANDARD 20261025T030000', 'DAYLIGHT 20270328T020000']],
      ['summer (UTC+2)', '2027-06-15T09:00:00+02:00', '2027-06-15T07:00:00.000Z', '2027-06-15T07:15:00.000Z', 7200, ['DAYLIGHT 20270328T020000', 'STANDARD 20271031T030000']],
    ])('gives the right instant and zone in %s', async (_, startsAt, start, end, offsetSeconds, onsets) => {
      const booked = await book(startsAt);
      expectStatus(booked, 201);
      const text = await calendar(booked.body.manageToken);
      expect(text).toContain(`DTSTART;TZID=Europe/Copenhagen:${startsAt.slice(0, 19).replace(/[-:]/g, '')}`);
      // The zone's changes around the time, each at the wall time it happens (in the offset it changes from).
      expect([...text.matchAll(/BEGIN:(STANDARD|DAYLIGHT)\r\nDTSTART:(\d{8}T\d{6})/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(onsets);
      const read = readEvent(text);
      expect(read).toMatchObject({ tzid: 'Europe/Copenhagen', start, end, offsetSeconds, status: 'CONFIRMED' });
      expect(read.event.uid).toBe(`${booked.body.id}@skranke`);
      expect(read.event.description).toContain(booked.body.bookingCode);
      expect(read.event.description).toContain(`/appointment/${booked.body.manageToken}`);
      expect(read.event.summary).toContain('Ydelse 0');
      expect(readEvent(await calendar(booked.body.manageToken, 'en')).event.summary).toContain('Service 0');
    });

    it('follows a move across the change to summer time, and says CANCELLED after a cancel', async () => {
      const booked = await book(`${TUESDAY}T09:00:00+01:00`);
      expectStatus(await manage(booked.body.manageToken, 'move', { startsAt: '2027-04-06T09:00:00+02:00' }), 200);
      expect(readEvent(await calendar(booked.body.manageToken))).toMatchObject({ start: '2027-04-06T07:00:00.000Z', offsetSeconds: 7200 });
      expectStatus(await manage(booked.body.manageToken, 'cancel'), 200);
      expect(readEvent(await calendar(booked.body.manageToken)).status).toBe('CANCELLED');
    });

    it('names the right instant for both 02:30s of the autumn night the clocks go back', async () => {
      const night = [{ opens: '00:00', closes: '24:00' }];
      const site = await seedBookableSite(sys, {
        counters: 1, minutes: 15, share: 1, maxDaysAhead: 366,
        openingHours: { weekly: { sun: night } },
        plan: { weekly: {} },
      });
      expectStatus(await sys.triage.as(site.tokens.admin).put(`/sites/${site.siteId}/counter-plan`, { weekly: { sun: [{ counterId: site.counters[0].id, opens: '00:00', closes: '24:00' }] } }), 200);
      for (const [startsAt, start] of [['2027-10-31T02:30:00+02:00', '2027-10-31T00:30:00.000Z'], ['2027-10-31T02:30:00+01:00', '2027-10-31T01:30:00.000Z'], ['2027-10-31T03:00:00+01:00', '2027-10-31T02:00:00.000Z'], ['2027-10-31T01:45:00+02:00', '2027-10-30T23:45:00.000Z']]) {
        const booked = await sys.ticketing.post(`/public/sites/${site.slug}/appointments`, { serviceId: site.serviceId, startsAt });
        expectStatus(booked, 201);
        expect({ startsAt, start: readEvent(await calendar(booked.body.manageToken)).start }).toEqual({ startsAt, start });
      }
    });

    it('is 404 appointment_not_found for an unknown link', async () => {
      const r = await sys.ticketing.get('/public/appointments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/calendar.ics');
      expectStatus(r, 404);
      expect(r.body.error.code).toBe('appointment_not_found');
    });
  });
});
