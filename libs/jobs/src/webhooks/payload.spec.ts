import { EVENT_TYPES } from '@skranke/domain';
import { WEBHOOK_EVENT_FIELDS, webhookMessage } from './payload';

const base = { siteId: 's1', seq: 7, at: new Date('2026-12-04T09:14:03.120Z'), ticketId: 't1', counterId: 'c1' };

describe('webhook payloads are allow-lists', () => {
  test('every event type has one', () => {
    expect(Object.keys(WEBHOOK_EVENT_FIELDS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  test.each(EVENT_TYPES)('%s: a note, phone, e-mail or name added to the log row never goes out', (type) => {
    const payload = { ticketId: 't1', number: 'P017', note: 'Ringer på 20 30 40 50', phone: '+4520304050', email: 'a@b.dk', notifyContact: 'a@b.dk', citizenName: 'Jens', flags: ['wheelchair'] };
    const message = webhookMessage({ ...base, type, payload });
    const text = JSON.stringify(message);
    for (const secret of ['20 30 40 50', '+4520304050', 'a@b.dk', 'Jens', 'wheelchair', 'note', 'phone', 'email']) expect(text).not.toContain(secret);
    expect(message).toMatchObject({ type, timestamp: '2026-12-04T09:14:03.120Z', data: { siteId: 's1', seq: 7 } });
  });

  test('a call carries the ticket, service, counter and time, and nested values only where named', () => {
    const m = webhookMessage({
      ...base,
      type: 'ticket.called',
      payload: { ticketId: 't1', number: 'P017', serviceId: 'sv', status: 'called', counterId: 'c1', counterName: 'Skranke 4', seat: null, recallCount: 0, calledAt: '2026-12-04T09:14:03.120Z', extra: { deep: 1 } },
    });
    expect(m.data).toEqual({ siteId: 's1', seq: 7, ticketId: 't1', counterId: 'c1', number: 'P017', serviceId: 'sv', status: 'called', counterName: 'Skranke 4', seat: null, recallCount: 0, calledAt: '2026-12-04T09:14:03.120Z' });
    const q = webhookMessage({ ...base, type: 'queue.changed', ticketId: null, counterId: null, payload: { services: [{ serviceId: 'sv', waiting: 3, estimatedWait: { minutes: 5, low: 2, high: 9, secret: 1 }, names: { da: 'x' } }] } });
    expect(q.data).toEqual({ siteId: 's1', seq: 7, services: [{ serviceId: 'sv', waiting: 3, estimatedWait: { minutes: 5, low: 2, high: 9 } }] });
  });
});
