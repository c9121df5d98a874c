import { Client } from 'pg';
import { AppointmentLifecycleService } from '../../libs/jobs/src/appointment-lifecycle.service';
import { JobName, QueueName } from '../../libs/jobs/src/queue-names';
import { Queues } from '../../libs/jobs/src/queues';
import { RetentionService } from '../../libs/jobs/src/retention.service';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { waitFor } from '../realtime/sockets';

jest.setTimeout(90_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1).
const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const DATE = '2027-03-22';
const at = (time: string) => `${DATE}T${time}:00+01:00`;
const utc = (time: string) => new Date(at(time));

/**
 * What happens to a booking without a request: a no-show after the check-in
 * window, its contact and client key erased on the retention schedule, and the
 * nightly measured booking length. Driven by a clock the test sets; the triage
 * app (sys.apps[0]) runs the workers.
 */
describe('the booking lifecycle jobs', () => {
  let sys: TestSystem;
  let db: Client;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sys.stop();
  });
  beforeEach(() => clock.set(MONDAY_EARLY));

  const lifecycle = () => sys.apps[0].get(AppointmentLifecycleService);
  const book = async (f: BookableSite, time: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) => {
    const r = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: at(time), ...extra }, headers);
    expectStatus(r, 201);
    return r.body as { id: string; bookingCode: string; manageToken: string };
  };
  async function row(id: string) {
    const { rows } = await db.query('SELECT status, ended_at, phone, email, idempotency_key, client_key FROM appointment WHERE id = $1', [id]);
    return rows[0];
  }

  describe('no-show after the check-in window', () => {
    it('marks a booking not checked in 10 minutes after its time a no-show, frees its minutes, and check-in then refuses it', async () => {
      // One counter, share 1, 15-minute times; a second site whose window ends 20 minutes after the time.
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1 });
      const patient = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, settings: { appointmentWindow: { earlyMinutes: 30, lateMinutes: 20 } } });
      const late = await book(f, '09:00');
      const kept = await book(f, '09:15');
      const arrives = await book(f, '09:30');
      const elsewhere = await book(patient, '09:00');
      const plan = async () =>
        (await sys.ticketing.as(f.tokens.supervisor).get(`/sites/${f.siteId}/appointment-plan?date=${DATE}`)).body.services[0].intervals.find(
          (i: { startsAt: string }) => i.startsAt === at('09:00'),
        ).bookedMinutes;
      expect(await plan()).toBe(15);

      // (The workers' own sweep may run meanwhile with the same clock: the states are asserted, not the counts.)
      clock.set(utc('09:10')); // the last moment of the window: still booked
      await lifecycle().markNoShows();
      expect((await row(late.id)).status).toBe('booked');
      clock.set(new Date(utc('09:10').getTime() + 1000));
      await lifecycle().markNoShows();
      expect(await row(late.id)).toMatchObject({ status: 'no-show', ended_at: clock.now() });
      expect((await row(kept.id)).status).toBe('booked');
      expect((await row(elsewhere.id)).status).toBe('booked'); // its site's window is 20 minutes
      // Its minutes are free at once: the plan counts no booked minutes in its quarter.
      expect(await plan()).toBe(0);
      // The citizen arriving now is told the window has passed (and the kiosk offers a walk-in ticket).
      const checkIn = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: late.bookingCode });
      expect([checkIn.status, checkIn.body.error.code]).toEqual([422, 'appointment_too_late']);
      // The manage page shows it.
      expect((await sys.ticketing.get(`/public/appointments/${late.manageToken}`)).body).toMatchObject({ status: 'no-show', changeable: false });

      // A citizen who checked in is never a no-show, however long the wait.
      clock.set(utc('09:25'));
      expectStatus(await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/appointments/check-in`, { bookingCode: arrives.bookingCode }), 201);
      clock.set(utc('10:30'));
      await lifecycle().markNoShows();
      expect((await row(arrives.id)).status).toBe('checked-in');
      expect((await row(kept.id)).status).toBe('no-show');
      expect((await row(elsewhere.id)).status).toBe('no-show');
    });
  });

  describe('retention', () => {
    it('erases a booking’s phone or e-mail 24 hours after its time (the site’s retentionHours), whatever its status, and its client key after 24 hours', async () => {
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1 });
      const quick = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1, settings: { retentionHours: 2 } });
      const phone = await book(f, '10:00', { contact: { phone: '+45 20 30 40 50' } }, { 'Idempotency-Key': 'retention-1' });
      const email = await book(f, '10:15', { contact: { email: 'borger@example.dk' } });
      const cancelled = await book(f, '10:30', { contact: { phone: '+45 21 31 41 51' } });
      expect((await sys.ticketing.post(`/public/appointments/${cancelled.manageToken}/cancel`)).body.status).toBe('cancelled');
      const soon = await book(quick, '10:00', { contact: { email: 'andet@example.dk' } });
      expect(await row(phone.id)).toMatchObject({ phone: '+4520304050', idempotency_key: 'retention-1', client_key: expect.any(String) });

      const erase = () => sys.apps[0].get(RetentionService).eraseDue();
      // 12:14: two hours after the quick site's 10:00–10:15 ends, less a minute.
      clock.set(utc('12:14'));
      await erase();
      expect((await row(soon.id)).email).toBe('andet@example.dk');
      clock.set(utc('12:15'));
      await erase();
      expect((await row(soon.id)).email).toBeNull();
      expect((await row(phone.id)).phone).toBe('+4520304050');

      // The next day at 10:15, 24 hours after the 10:00 booking ends: its phone goes, the 10:15 one's e-mail stays until 10:30.
      clock.set('2027-03-23T09:15:00Z');
      await erase();
      expect(await row(phone.id)).toMatchObject({ phone: null, email: null });
      // The outbox's copy too (its pending messages were cancelled when the contact went).
      const { rows: messages } = await db.query('SELECT kind, state, contact FROM notification WHERE subject_id = $1', [phone.id]);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.every((m) => m.contact === null && m.state !== 'scheduled')).toBe(true);
      expect((await row(email.id)).email).toBe('borger@example.dk');
      // Created at 07:00 the day before: the keys are more than 24 hours old, for every booking that had one.
      expect(await row(phone.id)).toMatchObject({ idempotency_key: null, client_key: null });
      expect((await row(soon.id)).client_key).toBeNull();
      clock.set('2027-03-23T09:45:00Z');
      await erase();
      expect((await row(email.id)).email).toBeNull();
      expect((await row(cancelled.id)).phone).toBeNull();
      // What stays: service, times, status and code.
      const { rows } = await db.query('SELECT service_id, starts_at, ends_at, status, booking_code FROM appointment WHERE id = $1', [phone.id]);
      expect(rows[0]).toMatchObject({ service_id: f.serviceId, starts_at: utc('10:00'), booking_code: phone.bookingCode });
    });
  });

  describe('the measured booking length', () => {
    it('is the p80 of call to finish over the last 28 days, rounded up to 5 minutes, 5–240, from at least 20 finished tickets', async () => {
      const f = await seedBookableSite(sys, { counters: 1, services: 5, minutes: 15, share: 1 });
      const [a, b, c, d, e] = f.services.map((s) => s.id);
      let seq = 0;
      const finished = async (serviceId: string, minutes: number[], daysAgo = 1, status = 'finished') => {
        for (const m of minutes) {
          seq++;
          await db.query(
            `INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at, called_at, ended_at, tracking_token)
             VALUES ($1, $2, $2, ($3::timestamptz AT TIME ZONE 'Europe/Copenhagen')::date, $4::int, 'X' || $4::int::text, $6, 'kiosk', $3::timestamptz, $3::timestamptz,
                     $3::timestamptz, $3::timestamptz + make_interval(secs => $5::float8 * 60), md5(random()::text || $4::int::text))`,
            [f.siteId, serviceId, new Date(clock.now().getTime() - daysAgo * 86_400_000), seq, m, status],
          );
        }
      };
      const range = (n: number, k = 1) => Array.from({ length: n }, (_, i) => (i + 1) * k);
      // a: 1, 2, …, 20 minutes: p80 = 16 + 0.2 = 16.2 (linear between the 16th and 17th) → 20.
      // Thirty days ago it took 100 minutes a time: older than 28 days, not counted. Expired tickets are not finished.
      await finished(a, range(20));
      await finished(a, range(10).map(() => 100), 30);
      await finished(a, range(10).map(() => 100), 2, 'expired');
      // b: 19 finished only: too few, it stays unmeasured.
      await finished(b, range(19));
      // c: 25 of 4 hours 10 minutes → at most 240. d: 20 of 2 minutes → at least 5. e: 40 of 31 minutes → 35.
      await finished(c, range(25).map(() => 250));
      await finished(d, range(20).map(() => 2));
      await finished(e, range(40).map(() => 31));

      const changed = await lifecycle().measureLengths();
      const mine = Object.fromEntries(changed.filter((x) => f.services.some((s) => s.id === x.serviceId)).map((x) => [x.serviceId, x.minutes]));
      expect(mine).toEqual({ [a]: 20, [c]: 240, [d]: 5, [e]: 35 });
      const { rows } = await db.query('SELECT id, measured_appointment_minutes AS m FROM service WHERE site_id = $1', [f.siteId]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.m]))).toEqual({ [a]: 20, [b]: null, [c]: 240, [d]: 5, [e]: 35 });
      // Run again: nothing changes.
      expect((await lifecycle().measureLengths()).filter((x) => f.services.some((s) => s.id === x.serviceId))).toEqual([]);

      // A bookable service without a set length books the measured one.
      expectStatus(await sys.triage.as(f.tokens.admin).patch(`/sites/${f.siteId}/services/${a}`, { appointmentMinutes: null }), 200);
      const info = await sys.ticketing.get(`/public/sites/${f.slug}/booking`);
      expect(info.body.services.find((s: { serviceId: string }) => s.serviceId === a).minutes).toBe(20);
    });
  });

  describe('in the workers', () => {
    it('sweeps no-shows every minute and measures the lengths nightly', async () => {
      // The tests call the services themselves; here a triage instance runs the workers, as in production.
      const workers = await sys.startExtra('triage', { RUN_WORKERS: 'true' });
      const queue = workers.app.get(Queues).get(QueueName.Housekeeping);
      await waitFor('the schedulers', async () => (await queue.getJobSchedulers()).length >= 4);
      const schedulers = await queue.getJobSchedulers();
      const byName = Object.fromEntries(schedulers.map((s) => [s.name, s]));
      expect(byName[JobName.AppointmentNoShows]).toMatchObject({ every: 60_000 });
      expect(byName[JobName.AppointmentLengths]).toMatchObject({ pattern: '30 2 * * *', tz: 'Europe/Copenhagen' });
      // The worker runs the sweep when its job comes.
      const f = await seedBookableSite(sys, { counters: 1, minutes: 15, share: 1 });
      const late = await book(f, '08:00');
      clock.set(utc('08:11'));
      await queue.add(JobName.AppointmentNoShows, {});
      await waitFor('the worker to mark the no-show', async () => (await row(late.id)).status === 'no-show');
    });
  });
});
