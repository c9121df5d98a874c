/**
 * Bad input on every booking endpoint (issue 19), as one table: what was tried,
 * and the status and code it must get. Every one is a 4xx with an error code,
 * never a 5xx, and nothing is booked or changed by it.
 */
import { randomUUID } from 'node:crypto';
import { BookableSite, SettableClock, seedBookableSite } from '../support/booking';
import { Api, Reply, expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

jest.setTimeout(60_000);

// Monday 22 March 2027, 07:00 in Copenhagen (UTC+1). The service: 15-minute times 08–16 on weekdays,
// at least 60 minutes' notice, at most 30 days ahead.
const NOW = '2027-03-22T06:00:00Z';
const TUESDAY_9 = '2027-03-23T09:00:00+01:00';

interface Ctx {
  sys: TestSystem;
  f: BookableSite;
  /** Another site, with a bookable service and counters of its own. */
  other: BookableSite;
  /** A service of f that cannot be booked. */
  notBookable: string;
  token: string;
  pub: Api;
  floor: Api;
  supervisor: Api;
  kiosk: Api;
  admin: Api;
}

interface Case {
  endpoint: string;
  tried: string;
  send: (c: Ctx) => Promise<Reply>;
  status: number;
  code: string;
}

const huge = 'x'.repeat(5000);
const slots = (c: Ctx, query: string) => c.pub.get(`/public/sites/${c.f.slug}/appointment-slots?${query}`);
const sq = (c: Ctx, extra: Record<string, string>) => new URLSearchParams({ serviceId: c.f.serviceId, from: '2027-03-23', to: '2027-03-24', ...extra }).toString();
const book = (c: Ctx, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  c.pub.request('POST', `/public/sites/${c.f.slug}/appointments`, { serviceId: c.f.serviceId, startsAt: TUESDAY_9, ...body }, headers);
const without = (key: string) => (c: Ctx) => {
  const body: Record<string, unknown> = { serviceId: c.f.serviceId, startsAt: TUESDAY_9 };
  delete body[key];
  return c.pub.post(`/public/sites/${c.f.slug}/appointments`, body);
};
const staffBook = (c: Ctx, body: Record<string, unknown>, siteId = c.f.siteId) => c.floor.post(`/sites/${siteId}/appointments/book`, { serviceId: c.f.serviceId, startsAt: TUESDAY_9, ...body });
const move = (c: Ctx, body: unknown, token = c.token) => c.pub.post(`/public/appointments/${token}/move`, body);
const plan = (c: Ctx, body: unknown) => c.admin.put(`/sites/${c.f.siteId}/counter-plan`, body);
const entry = (c: Ctx, opens = '08:00', closes = '16:00', counterId = c.f.counters[0].id) => ({ counterId, opens, closes });
const share = (c: Ctx, body: unknown, serviceId = c.f.serviceId) => c.admin.put(`/sites/${c.f.siteId}/services/${serviceId}/booking-share`, body);
const service = (c: Ctx, body: unknown) => c.admin.patch(`/sites/${c.f.siteId}/services/${c.f.serviceId}`, body);

const SLOTS = 'GET /public/sites/:slug/appointment-slots';
const BOOK = 'POST /public/sites/:slug/appointments';
const STAFF = 'POST /sites/:siteId/appointments/book';
const LIST = 'GET /sites/:siteId/appointments';
const MANAGE = '/public/appointments/:manageToken';
const PLAN = 'PUT /sites/:siteId/counter-plan';
const STAFF_SLOTS = 'GET /sites/:siteId/appointments/slots';
const NEXT_FREE = 'GET /sites/:siteId/appointments/next-free';
const PLAN_DAY = 'GET /sites/:siteId/appointment-plan';
const CLOSE = 'POST /sites/:siteId/closures';
const REOPEN = 'DELETE /sites/:siteId/closures';
const SHARE = 'PUT /sites/:siteId/services/:serviceId/booking-share';
const SERVICE = 'PATCH /sites/:siteId/services/:serviceId';

const CASES: Case[] = [
  // The site by its address.
  { endpoint: 'GET /public/sites/:slug/booking', tried: 'unknown site', send: (c) => c.pub.get('/public/sites/no-such-site/booking'), status: 404, code: 'site_not_found' },
  { endpoint: 'GET /public/sites/:slug/booking', tried: 'huge slug', send: (c) => c.pub.get(`/public/sites/${huge}/booking`), status: 404, code: 'site_not_found' },
  { endpoint: 'GET /public/sites/:slug/appointment-services', tried: 'unknown site', send: (c) => c.pub.get('/public/sites/no-such-site/appointment-services'), status: 404, code: 'site_not_found' },
  { endpoint: SLOTS, tried: 'unknown site', send: (c) => c.pub.get(`/public/sites/no-such-site/appointment-slots?${sq(c, {})}`), status: 404, code: 'site_not_found' },
  // Free times.
  { endpoint: SLOTS, tried: 'serviceId missing', send: (c) => slots(c, 'from=2027-03-23&to=2027-03-24'), status: 400, code: 'invalid_service_id' },
  { endpoint: SLOTS, tried: 'serviceId not a uuid', send: (c) => slots(c, sq(c, { serviceId: 'passport' })), status: 400, code: 'invalid_service_id' },
  { endpoint: SLOTS, tried: 'serviceId twice', send: (c) => slots(c, `${sq(c, {})}&serviceId=${c.f.serviceId}`), status: 400, code: 'invalid_service_id' },
  { endpoint: SLOTS, tried: 'unknown service', send: (c) => slots(c, sq(c, { serviceId: randomUUID() })), status: 404, code: 'service_not_found' },
  { endpoint: SLOTS, tried: 'another site’s service', send: (c) => slots(c, sq(c, { serviceId: c.other.serviceId })), status: 404, code: 'service_not_found' },
  { endpoint: SLOTS, tried: 'a service that cannot be booked', send: (c) => slots(c, sq(c, { serviceId: c.notBookable })), status: 422, code: 'service_not_bookable' },
  { endpoint: SLOTS, tried: 'from 2027-02-30', send: (c) => slots(c, sq(c, { from: '2027-02-30' })), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'from "tomorrow"', send: (c) => slots(c, sq(c, { from: 'tomorrow' })), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'to 2027-13-01', send: (c) => slots(c, sq(c, { to: '2027-13-01' })), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'from with a time', send: (c) => slots(c, sq(c, { from: '2027-03-23T00:00:00Z' })), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'from missing', send: (c) => slots(c, `serviceId=${c.f.serviceId}&to=2027-03-24`), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'from twice', send: (c) => slots(c, `${sq(c, {})}&from=2027-03-25`), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'from huge', send: (c) => slots(c, sq(c, { from: huge })), status: 400, code: 'invalid_date' },
  { endpoint: SLOTS, tried: 'to before from', send: (c) => slots(c, sq(c, { from: '2027-03-24', to: '2027-03-23' })), status: 400, code: 'invalid_range' },
  { endpoint: SLOTS, tried: '63 days', send: (c) => slots(c, sq(c, { from: '2027-03-23', to: '2027-05-24' })), status: 400, code: 'range_too_long' },
  // Booking a time (public).
  { endpoint: BOOK, tried: 'unknown site', send: (c) => c.pub.post('/public/sites/no-such-site/appointments', { serviceId: c.f.serviceId, startsAt: TUESDAY_9 }), status: 404, code: 'site_not_found' },
  { endpoint: BOOK, tried: 'time off the grid (09:05)', send: (c) => book(c, { startsAt: '2027-03-23T09:05:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'time off the grid (seconds)', send: (c) => book(c, { startsAt: '2027-03-23T09:00:30+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'time before the opening', send: (c) => book(c, { startsAt: '2027-03-23T07:00:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'time at the closing', send: (c) => book(c, { startsAt: '2027-03-23T16:00:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'a Saturday', send: (c) => book(c, { startsAt: '2027-03-27T09:00:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'a public holiday (Good Friday)', send: (c) => book(c, { startsAt: '2027-03-26T09:00:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: BOOK, tried: 'time in the past', send: (c) => book(c, { startsAt: '2027-03-19T09:00:00+01:00' }), status: 422, code: 'in_the_past' },
  { endpoint: BOOK, tried: 'time within the notice', send: (c) => book(c, { startsAt: '2027-03-22T07:45:00+01:00' }), status: 422, code: 'notice_too_short' },
  { endpoint: BOOK, tried: 'time beyond the max days ahead', send: (c) => book(c, { startsAt: '2027-04-23T09:00:00+02:00' }), status: 422, code: 'beyond_booking_horizon' },
  { endpoint: BOOK, tried: 'time in the year 9999', send: (c) => book(c, { startsAt: '9999-12-31T09:00:00+01:00' }), status: 422, code: 'beyond_booking_horizon' },
  { endpoint: BOOK, tried: 'startsAt 2027-04-31 (no such day)', send: (c) => book(c, { startsAt: '2027-04-31T09:00:00+02:00' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt 2027-02-30 (no such day)', send: (c) => book(c, { startsAt: '2027-02-30T09:00:00+01:00' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt without an offset', send: (c) => book(c, { startsAt: '2027-03-23T09:00:00' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt a date only', send: (c) => book(c, { startsAt: '2027-03-23' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt "tomorrow 9"', send: (c) => book(c, { startsAt: 'tomorrow 9' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt 25:00', send: (c) => book(c, { startsAt: '2027-03-23T25:00:00+01:00' }), status: 400, code: 'invalid_time' },
  { endpoint: BOOK, tried: 'startsAt missing', send: without('startsAt'), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'startsAt a number', send: (c) => book(c, { startsAt: 1805788800000 }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'startsAt a list', send: (c) => book(c, { startsAt: [TUESDAY_9] }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'startsAt huge', send: (c) => book(c, { startsAt: huge }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'serviceId missing', send: without('serviceId'), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'serviceId not a uuid', send: (c) => book(c, { serviceId: 'passport' }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'serviceId a number', send: (c) => book(c, { serviceId: 42 }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'unknown service', send: (c) => book(c, { serviceId: randomUUID() }), status: 404, code: 'service_not_found' },
  { endpoint: BOOK, tried: 'another site’s service', send: (c) => book(c, { serviceId: c.other.serviceId }), status: 404, code: 'service_not_found' },
  { endpoint: BOOK, tried: 'a service that cannot be booked', send: (c) => book(c, { serviceId: c.notBookable }), status: 422, code: 'service_not_bookable' },
  { endpoint: BOOK, tried: 'contact: foreign number (+46)', send: (c) => book(c, { contact: { phone: '+46 70 123 45 67' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: number without +45', send: (c) => book(c, { contact: { phone: '12345678' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: 7 digits', send: (c) => book(c, { contact: { phone: '+45 1234567' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: letters in the number', send: (c) => book(c, { contact: { phone: '+45 12 34 AB CD' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: phone and email both', send: (c) => book(c, { contact: { phone: '+45 12 34 56 78', email: 'borger@example.dk' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: e-mail without domain', send: (c) => book(c, { contact: { email: 'borger@' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: e-mail without top-level domain', send: (c) => book(c, { contact: { email: 'borger@localhost' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: e-mail without @', send: (c) => book(c, { contact: { email: 'borger.example.dk' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: e-mail with a space', send: (c) => book(c, { contact: { email: 'bor ger@example.dk' } }), status: 400, code: 'invalid_contact' },
  { endpoint: BOOK, tried: 'contact: empty object', send: (c) => book(c, { contact: {} }), status: 201, code: '' },
  { endpoint: BOOK, tried: 'contact: a string', send: (c) => book(c, { contact: '+45 12 34 56 78' }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'contact: phone a number', send: (c) => book(c, { contact: { phone: 4512345678 } }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'contact: unknown field', send: (c) => book(c, { contact: { fax: '+45 12 34 56 78' } }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'contact: huge e-mail', send: (c) => book(c, { contact: { email: `${huge}@example.dk` } }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'language "fr"', send: (c) => book(c, { language: 'fr' }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'a name (unknown field)', send: (c) => book(c, { name: 'Anna Jensen' }), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'a CPR number in a field', send: (c) => book(c, { contact: { phone: '010190-1234' } }), status: 400, code: 'cpr_not_allowed' },
  { endpoint: BOOK, tried: 'body a list', send: (c) => c.pub.post(`/public/sites/${c.f.slug}/appointments`, [{ serviceId: c.f.serviceId, startsAt: TUESDAY_9 }]), status: 400, code: 'validation_failed' },
  { endpoint: BOOK, tried: 'Idempotency-Key huge', send: (c) => book(c, {}, { 'Idempotency-Key': 'k'.repeat(500) }), status: 400, code: 'invalid_idempotency_key' },
  // Booking on a citizen's behalf (staff).
  { endpoint: STAFF, tried: 'time off the grid', send: (c) => staffBook(c, { startsAt: '2027-03-23T09:07:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: STAFF, tried: 'time in the past', send: (c) => staffBook(c, { startsAt: '2027-03-22T06:45:00+01:00' }), status: 422, code: 'in_the_past' },
  { endpoint: STAFF, tried: 'time beyond the max days ahead', send: (c) => staffBook(c, { startsAt: '2027-04-23T09:00:00+02:00' }), status: 422, code: 'beyond_booking_horizon' },
  { endpoint: STAFF, tried: 'another site’s service', send: (c) => staffBook(c, { serviceId: c.other.serviceId }), status: 404, code: 'service_not_found' },
  { endpoint: STAFF, tried: 'serviceId not a uuid', send: (c) => staffBook(c, { serviceId: 'x' }), status: 400, code: 'validation_failed' },
  { endpoint: STAFF, tried: 'startsAt missing', send: (c) => c.floor.post(`/sites/${c.f.siteId}/appointments/book`, { serviceId: c.f.serviceId }), status: 400, code: 'validation_failed' },
  { endpoint: STAFF, tried: 'contact: foreign number', send: (c) => staffBook(c, { contact: { phone: '+47 912 34 567' } }), status: 400, code: 'invalid_contact' },
  { endpoint: STAFF, tried: 'another site (no rights there)', send: (c) => staffBook(c, { serviceId: c.other.serviceId }, c.other.siteId), status: 403, code: 'forbidden' },
  { endpoint: STAFF, tried: 'siteId not a uuid', send: (c) => staffBook(c, {}, 'not-a-site'), status: 400, code: 'invalid_id' },
  // The day's bookings (staff).
  { endpoint: LIST, tried: 'date 2027-02-30', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments?date=2027-02-30`), status: 400, code: 'invalid_date' },
  { endpoint: LIST, tried: 'date "tomorrow"', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments?date=tomorrow`), status: 400, code: 'invalid_date' },
  { endpoint: LIST, tried: 'date twice', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments?date=2027-03-23&date=2027-03-24`), status: 400, code: 'invalid_date' },
  { endpoint: LIST, tried: 'date huge', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments?date=${huge}`), status: 400, code: 'invalid_date' },
  // Free times for staff, the kiosk's next free time, the appointment plan, closing a day (staff).
  { endpoint: STAFF_SLOTS, tried: 'serviceId not a uuid', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments/slots?serviceId=x`), status: 400, code: 'invalid_service_id' },
  { endpoint: STAFF_SLOTS, tried: 'another site’s service', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments/slots?serviceId=${c.other.serviceId}`), status: 404, code: 'service_not_found' },
  { endpoint: STAFF_SLOTS, tried: 'from 2027-02-30', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments/slots?serviceId=${c.f.serviceId}&from=2027-02-30`), status: 400, code: 'invalid_date' },
  { endpoint: STAFF_SLOTS, tried: 'to before from', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments/slots?serviceId=${c.f.serviceId}&from=2027-03-24&to=2027-03-23`), status: 400, code: 'invalid_range' },
  { endpoint: STAFF_SLOTS, tried: '63 days', send: (c) => c.floor.get(`/sites/${c.f.siteId}/appointments/slots?serviceId=${c.f.serviceId}&from=2027-03-23&to=2027-05-24`), status: 400, code: 'range_too_long' },
  { endpoint: NEXT_FREE, tried: 'serviceId missing', send: (c) => c.kiosk.get(`/sites/${c.f.siteId}/appointments/next-free`), status: 400, code: 'invalid_service_id' },
  { endpoint: NEXT_FREE, tried: 'serviceId not a uuid', send: (c) => c.kiosk.get(`/sites/${c.f.siteId}/appointments/next-free?serviceId=passport`), status: 400, code: 'invalid_service_id' },
  { endpoint: NEXT_FREE, tried: 'serviceId twice', send: (c) => c.kiosk.get(`/sites/${c.f.siteId}/appointments/next-free?serviceId=${c.f.serviceId}&serviceId=${c.f.serviceId}`), status: 400, code: 'invalid_service_id' },
  { endpoint: NEXT_FREE, tried: 'another site’s service', send: (c) => c.kiosk.get(`/sites/${c.f.siteId}/appointments/next-free?serviceId=${c.other.serviceId}`), status: 404, code: 'service_not_found' },
  { endpoint: NEXT_FREE, tried: 'unknown service', send: (c) => c.kiosk.get(`/sites/${c.f.siteId}/appointments/next-free?serviceId=${randomUUID()}`), status: 404, code: 'service_not_found' },
  { endpoint: PLAN_DAY, tried: 'date 2027-02-30', send: (c) => c.supervisor.get(`/sites/${c.f.siteId}/appointment-plan?date=2027-02-30`), status: 400, code: 'invalid_date' },
  { endpoint: PLAN_DAY, tried: 'date "tomorrow"', send: (c) => c.supervisor.get(`/sites/${c.f.siteId}/appointment-plan?date=tomorrow`), status: 400, code: 'invalid_date' },
  { endpoint: PLAN_DAY, tried: 'date twice', send: (c) => c.supervisor.get(`/sites/${c.f.siteId}/appointment-plan?date=2027-03-23&date=2027-03-24`), status: 400, code: 'invalid_date' },
  { endpoint: CLOSE, tried: 'date 2027-02-30', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-02-30' }), status: 400, code: 'invalid_date' },
  { endpoint: CLOSE, tried: 'date "tomorrow"', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: 'tomorrow' }), status: 400, code: 'invalid_date' },
  { endpoint: CLOSE, tried: 'date missing', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, {}), status: 400, code: 'validation_failed' },
  { endpoint: CLOSE, tried: 'a day in the past', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-03-19' }), status: 422, code: 'in_the_past' },
  { endpoint: CLOSE, tried: 'another site’s service', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-03-30', serviceId: c.other.serviceId }), status: 404, code: 'service_not_found' },
  { endpoint: CLOSE, tried: 'serviceId not a uuid', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-03-30', serviceId: 'passport' }), status: 400, code: 'validation_failed' },
  { endpoint: CLOSE, tried: 'a CPR number in the reason', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-03-30', reason: 'Syg: 010190-1234' }), status: 400, code: 'cpr_not_allowed' },
  { endpoint: CLOSE, tried: 'reason huge', send: (c) => c.supervisor.post(`/sites/${c.f.siteId}/closures`, { date: '2027-03-30', reason: huge }), status: 400, code: 'validation_failed' },
  { endpoint: REOPEN, tried: 'date 2027-02-30', send: (c) => c.supervisor.delete(`/sites/${c.f.siteId}/closures?date=2027-02-30`), status: 400, code: 'invalid_date' },
  { endpoint: REOPEN, tried: 'date missing', send: (c) => c.supervisor.delete(`/sites/${c.f.siteId}/closures`), status: 400, code: 'invalid_date' },
  { endpoint: REOPEN, tried: 'serviceId not a uuid', send: (c) => c.supervisor.delete(`/sites/${c.f.siteId}/closures?date=2027-03-30&serviceId=x`), status: 400, code: 'invalid_service_id' },
  // The manage link.
  { endpoint: `GET ${MANAGE}`, tried: 'unknown token', send: (c) => c.pub.get(`/public/appointments/${'a'.repeat(32)}`), status: 404, code: 'appointment_not_found' },
  { endpoint: `GET ${MANAGE}`, tried: 'short token', send: (c) => c.pub.get('/public/appointments/abc'), status: 404, code: 'appointment_not_found' },
  { endpoint: `GET ${MANAGE}`, tried: 'huge token', send: (c) => c.pub.get(`/public/appointments/${huge}`), status: 404, code: 'appointment_not_found' },
  { endpoint: `GET ${MANAGE}`, tried: 'token with odd characters', send: (c) => c.pub.get(`/public/appointments/${encodeURIComponent("' OR 1=1 --\u0000😀")}`), status: 404, code: 'appointment_not_found' },
  { endpoint: `GET ${MANAGE}`, tried: 'the booking code instead of the token', send: (c) => c.pub.get('/public/appointments/K7P2QX'), status: 404, code: 'appointment_not_found' },
  { endpoint: `GET ${MANAGE}/calendar.ics`, tried: 'unknown token', send: (c) => c.pub.get(`/public/appointments/${'b'.repeat(32)}/calendar.ics`), status: 404, code: 'appointment_not_found' },
  { endpoint: `POST ${MANAGE}/cancel`, tried: 'unknown token', send: (c) => c.pub.post(`/public/appointments/${'c'.repeat(32)}/cancel`), status: 404, code: 'appointment_not_found' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'unknown token', send: (c) => move(c, { startsAt: TUESDAY_9 }, 'd'.repeat(32)), status: 404, code: 'appointment_not_found' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'time off the grid', send: (c) => move(c, { startsAt: '2027-03-23T10:10:00+01:00' }), status: 422, code: 'off_grid' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'time in the past', send: (c) => move(c, { startsAt: '2027-03-19T10:00:00+01:00' }), status: 422, code: 'in_the_past' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'time within the notice', send: (c) => move(c, { startsAt: '2027-03-22T07:30:00+01:00' }), status: 422, code: 'notice_too_short' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'time beyond the max days ahead', send: (c) => move(c, { startsAt: '2027-04-23T09:00:00+02:00' }), status: 422, code: 'beyond_booking_horizon' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'startsAt without an offset', send: (c) => move(c, { startsAt: '2027-03-23T10:00' }), status: 400, code: 'invalid_time' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'startsAt missing', send: (c) => move(c, {}), status: 400, code: 'validation_failed' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'startsAt a number', send: (c) => move(c, { startsAt: 10 }), status: 400, code: 'validation_failed' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'startsAt huge', send: (c) => move(c, { startsAt: huge }), status: 400, code: 'validation_failed' },
  { endpoint: `POST ${MANAGE}/move`, tried: 'another service (unknown field)', send: (c) => move(c, { startsAt: '2027-03-23T10:00:00+01:00', serviceId: c.notBookable }), status: 400, code: 'validation_failed' },
  // The counter plan (configuration).
  { endpoint: PLAN, tried: 'unknown counter', send: (c) => plan(c, { weekly: { mon: [entry(c, '08:00', '16:00', randomUUID())] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'another site’s counter', send: (c) => plan(c, { weekly: { mon: [entry(c, '08:00', '16:00', c.other.counters[0].id)] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'counterId not a uuid', send: (c) => plan(c, { weekly: { mon: [entry(c, '08:00', '16:00', 'Skranke 1')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'overlapping entries of one counter', send: (c) => plan(c, { weekly: { mon: [entry(c, '08:00', '12:00'), entry(c, '11:00', '16:00')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'closes before it opens', send: (c) => plan(c, { weekly: { tue: [entry(c, '16:00', '08:00')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'closes when it opens', send: (c) => plan(c, { weekly: { tue: [entry(c, '09:00', '09:00')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'bad day key "monday"', send: (c) => plan(c, { weekly: { monday: [entry(c)] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'bad day key "__proto__"', send: (c) => plan(c, JSON.parse(`{"weekly":{"__proto__":[${JSON.stringify(entry(c))}]}}`)), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'time 25:00', send: (c) => plan(c, { weekly: { wed: [entry(c, '08:00', '25:00')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'time "8 o’clock"', send: (c) => plan(c, { weekly: { wed: [entry(c, '8 o’clock', '16:00')] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'times as numbers', send: (c) => plan(c, { weekly: { wed: [{ counterId: c.f.counters[0].id, opens: 800, closes: 1600 }] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'a day not a list', send: (c) => plan(c, { weekly: { thu: entry(c) } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'an entry null', send: (c) => plan(c, { weekly: { thu: [null] } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'weekly missing', send: (c) => plan(c, { exceptions: [] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'weekly a list', send: (c) => plan(c, { weekly: [] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'body a list', send: (c) => plan(c, [entry(c)]), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'exception date 2027-02-30', send: (c) => plan(c, { weekly: {}, exceptions: [{ date: '2027-02-30', entries: [] }] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'exception date "christmas"', send: (c) => plan(c, { weekly: {}, exceptions: [{ date: 'christmas', entries: [] }] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'two exceptions for one date', send: (c) => plan(c, { weekly: {}, exceptions: [{ date: '2027-12-23', entries: [] }, { date: '2027-12-23', entries: [] }] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'exception entries missing', send: (c) => plan(c, { weekly: {}, exceptions: [{ date: '2027-12-23' }] }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: '501 entries on a day', send: (c) => plan(c, { weekly: { fri: Array.from({ length: 501 }, () => entry(c)) } }), status: 400, code: 'invalid_counter_plan' },
  { endpoint: PLAN, tried: 'a CPR number in a field', send: (c) => plan(c, { weekly: { fri: [{ ...entry(c), note: '010190-1234' }] } }), status: 400, code: 'cpr_not_allowed' },
  // The booking share (configuration).
  { endpoint: SHARE, tried: 'share 1.5', send: (c) => share(c, { share: 1.5 }), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'share -0.1', send: (c) => share(c, { share: -0.1 }), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'share "x"', send: (c) => share(c, { share: 'x' }), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'share "0.5" (a string)', send: (c) => share(c, { share: '0.5' }), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'share missing', send: (c) => share(c, {}), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'date 2027-02-30', send: (c) => share(c, { share: 0.5, date: '2027-02-30' }), status: 400, code: 'invalid_date' },
  { endpoint: SHARE, tried: 'date "tomorrow"', send: (c) => share(c, { share: 0.5, date: 'tomorrow' }), status: 400, code: 'validation_failed' },
  { endpoint: SHARE, tried: 'another site’s service', send: (c) => share(c, { share: 0.5 }, c.other.serviceId), status: 404, code: 'service_not_found' },
  { endpoint: SHARE, tried: 'serviceId not a uuid', send: (c) => share(c, { share: 0.5 }, 'passport'), status: 400, code: 'validation_failed' },
  // A service's booking rules (configuration).
  { endpoint: SERVICE, tried: 'appointmentMinutes 4', send: (c) => service(c, { appointmentMinutes: 4 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'appointmentMinutes 241', send: (c) => service(c, { appointmentMinutes: 241 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'appointmentMinutes 15.5', send: (c) => service(c, { appointmentMinutes: 15.5 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'maxDaysAhead 0', send: (c) => service(c, { maxDaysAhead: 0 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'maxDaysAhead 367', send: (c) => service(c, { maxDaysAhead: 367 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'minNoticeMinutes -1', send: (c) => service(c, { minNoticeMinutes: -1 }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'cancelCutoffMinutes "two hours"', send: (c) => service(c, { cancelCutoffMinutes: 'two hours' }), status: 400, code: 'validation_failed' },
  { endpoint: SERVICE, tried: 'bookable "yes"', send: (c) => service(c, { bookable: 'yes' }), status: 400, code: 'validation_failed' },
  // The site's booking settings (configuration).
  { endpoint: 'PATCH /sites/:siteId', tried: 'settings.booking.contactLimit 0', send: (c) => c.admin.patch(`/sites/${c.f.siteId}`, { settings: { booking: { contactLimit: 0 } } }), status: 400, code: 'invalid_settings' },
  { endpoint: 'PATCH /sites/:siteId', tried: 'settings.booking.maxShare 1.5', send: (c) => c.admin.patch(`/sites/${c.f.siteId}`, { settings: { booking: { maxShare: 1.5 } } }), status: 400, code: 'invalid_settings' },
  { endpoint: 'PATCH /sites/:siteId', tried: 'settings.booking.rebookDelayMinutes "soon"', send: (c) => c.admin.patch(`/sites/${c.f.siteId}`, { settings: { booking: { rebookDelayMinutes: 'soon' } } }), status: 400, code: 'invalid_settings' },
  { endpoint: 'PATCH /sites/:siteId', tried: 'settings.booking unknown key', send: (c) => c.admin.patch(`/sites/${c.f.siteId}`, { settings: { booking: { slotsPerHour: 4 } } }), status: 400, code: 'invalid_settings' },
];

describe('bad input on the booking endpoints', () => {
  const ctx = {} as Ctx;
  const clock = new SettableClock(new Date(NOW));
  beforeAll(async () => {
    ctx.sys = await startSystem({ clock });
    ctx.f = await seedBookableSite(ctx.sys, { services: 2, counters: 2, minutes: 15, share: 1, minNoticeMinutes: 60, maxDaysAhead: 30 });
    ctx.other = await seedBookableSite(ctx.sys, { counters: 1 });
    ctx.notBookable = ctx.f.services[1].id;
    ctx.pub = ctx.sys.ticketing;
    ctx.floor = ctx.sys.ticketing.as(ctx.f.tokens.floor);
    ctx.supervisor = ctx.sys.ticketing.as(ctx.f.tokens.supervisor);
    ctx.kiosk = ctx.sys.ticketing.as(ctx.f.tokens.kiosk);
    ctx.admin = ctx.sys.triage.as(ctx.f.tokens.admin);
    const booked = await ctx.pub.post(`/public/sites/${ctx.f.slug}/appointments`, { serviceId: ctx.f.serviceId, startsAt: '2027-03-24T09:00:00+01:00' });
    expectStatus(booked, 201);
    ctx.token = booked.body.manageToken;
  });
  afterAll(() => ctx.sys.stop());

  it.each(CASES.map((c) => [c.endpoint, c.tried, c] as const))('%s, %s', async (_endpoint, _tried, c) => {
    const r = await c.send(ctx);
    expect({ status: r.status, code: r.body?.error?.code ?? '' }).toEqual({ status: c.status, code: c.code });
    if (r.status >= 400) expect(typeof r.body.error.message).toBe('string');
  });

  it('changed nothing: the booking, the plan, the share and the service are as they were', async () => {
    const managed = await ctx.pub.get(`/public/appointments/${ctx.token}`);
    expect(managed.body).toMatchObject({ status: 'booked', startsAt: '2027-03-24T09:00:00+01:00' });
    const slots = await ctx.pub.get(`/public/sites/${ctx.f.slug}/appointment-slots?serviceId=${ctx.f.serviceId}&from=2027-03-23&to=2027-03-23`);
    // Two counters shared by two services at share 1: one booking per time, 08–16; only 09:00 taken (by "contact: empty object").
    const times = slots.body.days[0].slots.map((t: { startsAt: string }) => t.startsAt);
    expect(times).toHaveLength(31);
    expect(times).not.toContain(TUESDAY_9);
    const planNow = await ctx.admin.get(`/sites/${ctx.f.siteId}/counter-plan`);
    expect(Object.keys(planNow.body.weekly).sort()).toEqual(['fri', 'mon', 'thu', 'tue', 'wed']);
    const svc = (await ctx.admin.get(`/sites/${ctx.f.siteId}/services`)).body.find((s: { id: string }) => s.id === ctx.f.serviceId);
    expect(svc).toMatchObject({ bookable: true, appointmentMinutes: 15, minNoticeMinutes: 60, maxDaysAhead: 30 });
  });
});
