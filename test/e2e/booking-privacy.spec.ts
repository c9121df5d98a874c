/**
 * Privacy of a booking (issue 19 item 9): it holds a service, a time and at most
 * one contact; no answer of a public endpoint carries that contact, staff see
 * only whether one is held, and anything CPR-shaped anywhere in a body is 400
 * cpr_not_allowed (and nothing is booked).
 */
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

const PHONE = '+45 61 72 83 94';
const EMAIL = 'Citizen.Private@Example.dk';
/** Every way the contact could show: as sent, normalised, or as a field. */
const LEAKS = [/61\s?72\s?83\s?94/, /citizen\.private/i, /"phone"/, /"email"/, /example\.dk/i];

describe('booking privacy', () => {
  let sys: TestSystem;
  let f: BookableSite;
  const clock = new SettableClock(new Date('2027-03-22T06:00:00Z'));
  beforeAll(async () => {
    sys = await startSystem({ clock });
    f = await seedBookableSite(sys, { counters: 2, minutes: 15, share: 1 });
  });
  afterAll(() => sys.stop());

  const leaks = (what: string, r: Reply) => {
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return LEAKS.filter((re) => re.test(text)).map((re) => `${what} ${r.status}: ${re}`);
  };

  it('no answer of a public endpoint carries the contact', async () => {
    const found: string[] = [];
    const pub = sys.ticketing;
    for (const [i, contact] of [{ phone: PHONE }, { email: EMAIL }].entries()) {
      const body = { serviceId: f.serviceId, startsAt: `2027-03-23T09:${i ? '15' : '00'}:00+01:00`, contact, language: 'en' };
      const booked = await pub.post(`/public/sites/${f.slug}/appointments`, body, { 'Idempotency-Key': `privacy-${i}` });
      expectStatus(booked, 201);
      const token = booked.body.manageToken;
      const replies: [string, Reply][] = [
        ['book', booked],
        ['book replayed', await pub.post(`/public/sites/${f.slug}/appointments`, body, { 'Idempotency-Key': `privacy-${i}` })],
        ['booking info', await pub.get(`/public/sites/${f.slug}/booking`)],
        ['services', await pub.get(`/public/sites/${f.slug}/appointment-services`)],
        ['slots', await pub.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-23&to=2027-03-23`)],
        ['managed', await pub.get(`/public/appointments/${token}`)],
        ['calendar', await pub.get(`/public/appointments/${token}/calendar.ics`)],
        ['move', await pub.post(`/public/appointments/${token}/move`, { startsAt: `2027-03-23T1${i}:00:00+01:00` })],
        ['calendar after move', await pub.get(`/public/appointments/${token}/calendar.ics?lang=de`)],
        ['cancel', await pub.post(`/public/appointments/${token}/cancel`)],
        ['cancel again (refused)', await pub.post(`/public/appointments/${token}/cancel`)],
      ];
      expect(replies.map(([what, r]) => `${what} ${r.status}`)).toEqual(
        replies.map(([what]) => `${what} ${what === 'book' ? 201 : what.includes('refused') ? 409 : 200}`),
      );
      for (const [what, r] of replies) found.push(...leaks(`${JSON.stringify(contact)} ${what}`, r));
    }
    // The contact limit's refusal does not echo the contact either.
    for (let i = 0; i < 3; i++) expectStatus(await pub.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: `2027-03-24T${String(8 + i).padStart(2, "0")}:00:00+01:00`, contact: { phone: PHONE } }), 201);
    const limit = await pub.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T12:00:00+01:00', contact: { phone: PHONE } });
    expect(limit.body.error.code).toBe('contact_limit_reached');
    found.push(...leaks('contact limit', limit));
    const malformed = await pub.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T12:00:00+01:00', contact: { phone: '+46 61 72 83 94' } });
    expect(malformed.body.error.code).toBe('invalid_contact');
    expect(JSON.stringify(malformed.body)).not.toMatch(/61\s?72/);
    expect(found).toEqual([]);
  });

  it('staff see whether a contact is held, never the contact', async () => {
    const floor = sys.ticketing.as(f.tokens.floor);
    const made = await floor.post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt: '2027-03-30T09:00:00+02:00', contact: { email: 'staff.booked@example.dk' } });
    expectStatus(made, 201);
    expect(JSON.stringify(made.body)).not.toMatch(/staff\.booked/);
    expectStatus(await floor.post(`/sites/${f.siteId}/appointments/book`, { serviceId: f.serviceId, startsAt: '2027-03-30T09:15:00+02:00' }), 201);
    const list = await floor.get(`/sites/${f.siteId}/appointments?date=2027-03-30`);
    expectStatus(list, 200);
    expect(list.body.map((a: { hasContact: boolean }) => a.hasContact)).toEqual([true, false]);
    for (const a of list.body) {
      expect(Object.keys(a).sort()).toEqual(['bookedBy', 'bookingCode', 'endsAt', 'hasContact', 'id', 'serviceId', 'startsAt', 'status', 'ticketId']);
    }
    expect(JSON.stringify(list.body)).not.toMatch(/staff\.booked|example\.dk/);
  });

  it('refuses anything CPR-shaped anywhere in a body with 400 cpr_not_allowed, and books nothing', async () => {
    const cpr = ['010190-1234', '0101901234', '010190 1234', '０１０１９０-１２３４'];
    const base = { serviceId: f.serviceId, startsAt: '2027-03-31T09:00:00+02:00' };
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { ...base, startsAt: '2027-03-31T10:00:00+02:00' });
    expectStatus(booked, 201);
    const bodies: [string, string, unknown][] = [];
    for (const value of cpr) {
      bodies.push(
        ['public', 'contact.phone', { ...base, contact: { phone: value } }],
        ['public', 'contact.email', { ...base, contact: { email: `${value}@example.dk` } }],
        ['public', 'language', { ...base, language: value }],
        ['public', 'startsAt', { ...base, startsAt: value }],
        ['public', 'an unknown field', { ...base, note: `cpr ${value}` }],
        ['public', 'deep in a list', { ...base, extra: [{ a: [`x ${value}`] }] }],
        ['staff', 'contact.phone', { ...base, contact: { phone: value } }],
        ['staff', 'an unknown field', { ...base, name: value }],
        ['move', 'startsAt', { startsAt: value }],
        ['move', 'an unknown field', { startsAt: '2027-03-31T11:00:00+02:00', reason: value }],
      );
    }
    const wrong: string[] = [];
    for (const [where, field, body] of bodies) {
      const r =
        where === 'public' ? await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, body)
        : where === 'staff' ? await sys.ticketing.as(f.tokens.floor).post(`/sites/${f.siteId}/appointments/book`, body)
        : await sys.ticketing.post(`/public/appointments/${booked.body.manageToken}/move`, body);
      if (r.status !== 400 || r.body?.error?.code !== 'cpr_not_allowed') wrong.push(`${where} ${field} ${JSON.stringify(body).slice(0, 80)} → ${r.status} ${r.body?.error?.code}`);
    }
    expect(wrong).toEqual([]);
    const list = await sys.ticketing.as(f.tokens.floor).get(`/sites/${f.siteId}/appointments?date=2027-03-31`);
    expect(list.body.map((a: { startsAt: string }) => a.startsAt)).toEqual(['2027-03-31T10:00:00+02:00']);
  });
});
