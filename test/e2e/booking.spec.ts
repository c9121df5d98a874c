import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1): before the site opens.
const MONDAY_EARLY = '2027-03-22T06:00:00Z';

describe('booking a time', () => {
  let sys: TestSystem;
  const clock = new SettableClock(new Date(MONDAY_EARLY));
  beforeAll(async () => {
    sys = await startSystem({ clock });
  });
  afterAll(() => sys.stop());
  beforeEach(() => clock.set(MONDAY_EARLY));

  it('lists free times with the site offset, books one, and shows it on the manage link', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    const info = await sys.ticketing.get(`/public/sites/${f.slug}/booking`);
    expectStatus(info, 200);
    expect(info.body.services).toEqual([expect.objectContaining({ serviceId: f.serviceId, minutes: 20 })]);

    const slots = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-22&to=2027-03-23`);
    expectStatus(slots, 200);
    expect(slots.body.timezone).toBe('Europe/Copenhagen');
    const monday = slots.body.days[0];
    expect(monday.date).toBe('2027-03-22');
    // One counter 08–16 at share 0.5 gives 240 bookable minutes: twelve 20-minute times, every other one.
    expect(monday.slots).toHaveLength(12);
    expect(monday.slots[0]).toEqual({ startsAt: '2027-03-22T08:20:00+01:00', endsAt: '2027-03-22T08:40:00+01:00' });

    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: monday.slots[0].startsAt, contact: { phone: '+45 12 34 56 78' } }, { 'Idempotency-Key': 'k1' });
    expectStatus(booked, 201);
    expect(booked.body).toMatchObject({ serviceId: f.serviceId, startsAt: '2027-03-22T08:20:00+01:00', bookingCode: expect.stringMatching(/^[A-Z2-9]{6}$/) });
    const again = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: monday.slots[0].startsAt }, { 'Idempotency-Key': 'k1' });
    expectStatus(again, 200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(booked.body.id);

    const taken = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: monday.slots[0].startsAt });
    expectStatus(taken, 409);
    expect(taken.body.error.code).toBe('slot_taken');

    const managed = await sys.ticketing.get(`/public/appointments/${booked.body.manageToken}`);
    expectStatus(managed, 200);
    // 08:20 is within the two-hour cut-off of 07:00: the manage page says to call instead.
    expect(managed.body).toMatchObject({ bookingCode: booked.body.bookingCode, status: 'booked', changeable: false, site: { slug: f.slug } });
    expect(JSON.stringify(managed.body)).not.toContain('12 34');
  });
});
