import { DataSource } from 'typeorm';
import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';

/** The outbox rows a booking's changes write in their own transaction (migration 1795543000000). */
describe('notification outbox', () => {
  let sys: TestSystem;
  let db: DataSource;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await sys.stop();
  });

  const rows = (subjectId: string) =>
    db.query(`SELECT kind, channel, state, due_at, contact FROM notification WHERE subject_id = $1 ORDER BY due_at, kind`, [subjectId]);

  it('books with a phone: a confirmation now and reminders 24 h and 2 h before, outside quiet hours; cancelling cancels them and says so', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const slots = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-24&to=2027-03-24`);
    // Wednesday 24 March 09:00 (+01:00): reminders Tuesday 09:00 and Wednesday 07:00, the end of the quiet hours.
    const time = slots.body.days[0].slots.find((s: { startsAt: string }) => s.startsAt === '2027-03-24T09:00:00+01:00');
    expect(time).toBeDefined();
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: time.startsAt, contact: { phone: '+45 12 34 56 78' } });
    expectStatus(booked, 201);
    const id = booked.body.id;
    expect(await rows(id)).toEqual([
      { kind: 'booking-confirmation', channel: 'sms', state: 'scheduled', due_at: new Date(MONDAY_EARLY), contact: '+4512345678' },
      { kind: 'booking-reminder', channel: 'sms', state: 'scheduled', due_at: new Date('2027-03-23T08:00:00Z'), contact: '+4512345678' },
      { kind: 'booking-reminder', channel: 'sms', state: 'scheduled', due_at: new Date('2027-03-24T06:00:00Z'), contact: '+4512345678' },
    ]);
    clock.advance(30);
    expectStatus(await sys.ticketing.post(`/public/appointments/${booked.body.manageToken}/cancel`), 200);
    const after = await rows(id);
    // No worker ran, so the confirmation was never sent: it is stale now and goes with the reminders.
    expect(after.map((r: { kind: string; state: string }) => `${r.kind} ${r.state}`)).toEqual([
      'booking-confirmation cancelled',
      'booking-cancelled scheduled',
      'booking-reminder cancelled',
      'booking-reminder cancelled',
    ]);
  });

  it('moves a reminder out of the quiet hours: a 2-hour reminder of an 08:20 time goes at 07:00', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T08:20:00+01:00', contact: { email: 'borger@example.dk' } });
    expectStatus(booked, 201);
    const reminders = (await rows(booked.body.id)).filter((r: { kind: string }) => r.kind === 'booking-reminder');
    expect(reminders.map((r: { due_at: Date }) => r.due_at.toISOString())).toEqual(['2027-03-23T07:20:00.000Z', '2027-03-24T06:00:00.000Z']);
  });

  it('writes nothing for a booking without a contact', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T09:00:00+01:00' });
    expectStatus(booked, 201);
    expect(await rows(booked.body.id)).toEqual([]);
  });
});
