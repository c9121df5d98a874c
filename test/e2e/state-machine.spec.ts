/**
 * Random operation sequences on one ticket over HTTP, checked step by step
 * against a model of the state machine (libs/domain ticket-machine): every legal
 * request answers 200 (or 204 for an empty call-next), every illegal one 409
 * illegal_transition (422 no_show_too_early, 422 same_service, 409 seat_busy
 * where the rule says so), and the status on the citizen's tracking page ends
 * where the model ends.
 */
import fc from 'fast-check';
import { ADMIN, TestSystem, startSystem } from '../support/system';
import { SiteFixture, login, seedSite } from '../support/fixtures';
import { Api, expectStatus } from '../support/http';

type Status = 'waiting' | 'called' | 'in-service' | 'finished' | 'no-show' | 'cancelled';

type Op =
  | { kind: 'call-next' }
  | { kind: 'recall' | 'start' | 'no-show' | 'cancel' }
  | { kind: 'transfer'; to: 'same' | 'other'; placement: 'front' | 'back' | 'by-arrival' }
  | { kind: 'finish'; outcome: string };

interface Model {
  status: Status;
  service: 'S' | 'T';
  recalls: number;
}

interface Expected {
  status: number;
  code?: string;
  /** The model after the request. */
  next: Model;
}

/** What the server must answer to `op` on a ticket in `m`, at a counter serving S and T with nothing else waiting. */
function expect_(m: Model, op: Op): Expected {
  const refuse = (code = 'illegal_transition', status = 409): Expected => ({ status, code, next: m });
  const active = m.status === 'called' || m.status === 'in-service';
  switch (op.kind) {
    case 'call-next':
      if (active) return refuse('seat_busy');
      if (m.status === 'waiting') return { status: 200, next: { ...m, status: 'called', recalls: 0 } };
      return { status: 204, next: m };
    case 'recall':
      return m.status === 'called' ? { status: 200, next: { ...m, recalls: m.recalls + 1 } } : refuse();
    case 'start':
      return m.status === 'called' ? { status: 200, next: { ...m, status: 'in-service' } } : refuse();
    case 'no-show':
      if (m.status !== 'called') return refuse();
      // Right after the call a no-show is too early unless the citizen was recalled (site default: 1 recall or 120 s).
      return m.recalls >= 1 ? { status: 200, next: { ...m, status: 'no-show' } } : refuse('no_show_too_early', 422);
    case 'cancel':
      return m.status === 'waiting' || m.status === 'called' ? { status: 200, next: { ...m, status: 'cancelled' } } : refuse();
    case 'transfer': {
      if (!(m.status === 'waiting' || active)) return refuse();
      const target = op.to === 'same' ? m.service : m.service === 'S' ? 'T' : 'S';
      if (m.status === 'waiting' && target === m.service) return refuse('same_service', 422);
      return { status: 200, next: { status: 'waiting', service: target, recalls: 0 } };
    }
    case 'finish':
      return active ? { status: 200, next: { ...m, status: 'finished' } } : refuse();
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'call-next' } as Op) },
  { weight: 2, arbitrary: fc.constantFrom<Op>({ kind: 'recall' }, { kind: 'start' }, { kind: 'no-show' }, { kind: 'cancel' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), to: fc.constantFrom('same' as const, 'other' as const), placement: fc.constantFrom('front' as const, 'back' as const, 'by-arrival' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('finish' as const), outcome: fc.constantFrom('resolved', 'referred-back-office', 'referred-authority', 'self-service', 'follow-up') }) },
);

const show = (op: Op) => (op.kind === 'transfer' ? `transfer(${op.to},${op.placement})` : op.kind === 'finish' ? `finish(${op.outcome})` : op.kind);

describe('ticket state machine over HTTP', () => {
  let sys: TestSystem;
  let site: SiteFixture;
  let admin: Api;
  let counter: Api;
  let kiosk: Api;
  let run = 0;
  const tried: string[] = [];

  beforeAll(async () => {
    sys = await startSystem();
    site = await seedSite(sys, { services: 1, counters: 0 });
    admin = sys.triage.as(await login(sys.triage, ADMIN.username, ADMIN.password));
    counter = sys.counterDisplay[0].as(site.tokens.counter);
    kiosk = sys.ticketing.as(site.tokens.kiosk);
  });
  afterAll(() => sys?.stop());

  /** A fresh pair of services and a counter serving only them, so the sequence's ticket is alone there. */
  async function stage() {
    run++;
    const service = async (suffix: string) => {
      const r = await admin.post(`/sites/${site.siteId}/services`, {
        code: `sm-${run}-${suffix.toLowerCase()}`,
        prefix: suffix + String.fromCharCode(65 + (run % 26)) + String.fromCharCode(65 + Math.floor(run / 26)),
        names: { da: suffix, en: suffix, de: suffix },
        targetWaitMinutes: 15,
        serviceLevelPercent: 80,
      });
      expectStatus(r, 201);
      return r.body.id as string;
    };
    const services = { S: await service('S'), T: await service('T') };
    const c = await admin.post(`/sites/${site.siteId}/counters`, { name: `Skranke SM ${run}`, kind: 'counter', serviceIds: [services.S, services.T] });
    expectStatus(c, 201);
    expectStatus(await counter.post(`/counters/${c.body.id}/open`), 200);
    const t = await kiosk.post(`/sites/${site.siteId}/tickets`, { serviceId: services.S });
    expectStatus(t, 201);
    return { services, counterId: c.body.id as string, ticket: t.body as { id: string; trackingToken: string; number: string } };
  }

  it('random sequences of recall/start/no-show/cancel/transfer/finish/call-next follow the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(opArb, { minLength: 1, maxLength: 12 }), async (leadingCall, rest) => {
        const ops: Op[] = leadingCall ? [{ kind: 'call-next' }, ...rest] : rest;
        const { services, counterId, ticket } = await stage();
        let model: Model = { status: 'waiting', service: 'S', recalls: 0 };
        const log: string[] = [];
        for (const op of ops) {
          const want = expect_(model, op);
          const res =
            op.kind === 'call-next'
              ? await counter.post(`/counters/${counterId}/call-next`)
              : op.kind === 'transfer'
                ? await counter.post(`/tickets/${ticket.id}/transfer`, { serviceId: services[op.to === 'same' ? model.service : model.service === 'S' ? 'T' : 'S'], placement: op.placement })
                : op.kind === 'finish'
                  ? await counter.post(`/tickets/${ticket.id}/finish`, { outcome: op.outcome })
                  : await counter.post(`/tickets/${ticket.id}/${op.kind}`);
          log.push(`${show(op)}→${res.status}${res.body?.error ? ' ' + res.body.error.code : ''}`);
          const where = `${ticket.number}: ${log.join(', ')} (model was ${JSON.stringify(model)})`;
          if (res.status !== want.status) throw new Error(`expected ${want.status}${want.code ? ' ' + want.code : ''}: ${where}`);
          if (want.code && res.body?.error?.code !== want.code) throw new Error(`expected code ${want.code}: ${where}`);
          if (res.status >= 400 && typeof res.body?.error?.message !== 'string') throw new Error(`no error message: ${where}`);
          if (res.status === 200) {
            const body = op.kind === 'call-next' ? res.body.ticket : res.body;
            if (body.id !== ticket.id || body.status !== want.next.status) throw new Error(`answer shows ${body.id}/${body.status}, model ${want.next.status}: ${where}`);
            if (body.serviceId !== services[want.next.service]) throw new Error(`answer shows another service: ${where}`);
          }
          model = want.next;
        }
        const track = await sys.ticketing.get(`/tickets/track/${ticket.trackingToken}`);
        expectStatus(track, 200);
        tried.push(`${ticket.number}: ${log.join(', ')} ⇒ ${track.body.status}`);
        if (track.body.status !== model.status) throw new Error(`tracked status ${track.body.status}, model ${model.status}: ${log.join(', ')}`);
        if (track.body.service.id !== services[model.service]) throw new Error(`tracked service differs from the model: ${log.join(', ')}`);
        // An ended ticket refuses every action with 409 illegal_transition.
        if (['finished', 'no-show', 'cancelled'].includes(model.status)) {
          for (const a of ['recall', 'start', 'no-show', 'cancel']) {
            const r = await counter.post(`/tickets/${ticket.id}/${a}`);
            if (r.status !== 409 || r.body?.error?.code !== 'illegal_transition') throw new Error(`${a} on ${model.status} → ${r.status}`);
          }
        }
      }),
      {
        numRuns: 30,
        endOnFailure: true,
        // Fixed sequences besides the random ones, so every kind of refusal is met on each run.
        examples: [
          [true, [{ kind: 'no-show' }, { kind: 'recall' }, { kind: 'no-show' }]],
          [false, [{ kind: 'start' }, { kind: 'transfer', to: 'same', placement: 'back' }, { kind: 'call-next' }, { kind: 'call-next' }]],
          [true, [{ kind: 'start' }, { kind: 'transfer', to: 'same', placement: 'front' }, { kind: 'call-next' }, { kind: 'finish', outcome: 'resolved' }, { kind: 'call-next' }]],
          [true, [{ kind: 'transfer', to: 'other', placement: 'by-arrival' }, { kind: 'recall' }, { kind: 'call-next' }, { kind: 'cancel' }, { kind: 'finish', outcome: 'self-service' }]],
          [true, [{ kind: 'start' }, { kind: 'recall' }, { kind: 'start' }, { kind: 'no-show' }, { kind: 'cancel' }]],
          // Back in the queue: random runs need not end there, and the end states are checked below.
          [true, [{ kind: 'call-next' }, { kind: 'transfer', to: 'same', placement: 'back' }]],
        ],
      },
    );
    console.log(`Sequences tried (operation→HTTP status ⇒ tracked status):\n${tried.map((t) => '  ' + t).join('\n')}`);
    const seen = tried.join(' ');
    for (const answer of ['→200', '→204', '→409 illegal_transition', '→409 seat_busy', '→422 no_show_too_early', '→422 same_service']) expect(seen).toContain(answer);
    for (const end of ['⇒ waiting', '⇒ finished', '⇒ no-show', '⇒ cancelled', '⇒ in-service', '⇒ called']) expect(seen).toContain(end);
  });
});
