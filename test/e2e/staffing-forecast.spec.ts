import { Client } from 'pg';
import { issueTickets, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';

describe("the dashboard's staffing advice for the next hour", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys.stop());

  it('forecasts from the same hour on recent weeks, not only from the last hour', async () => {
    const busy = await seedSite(sys, { counters: 1 });
    const quiet = await seedSite(sys, { counters: 1 });
    // A week ago, in this very hour (site time), 40 citizens came for the first service of the busy site.
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    await db.query(
      `INSERT INTO ticket (site_id, service_id, issued_service_id, business_date, sequence, number, status, channel, issued_at, ordered_at, ended_at, tracking_token)
       SELECT $1, $2, $2, (now() AT TIME ZONE 'Europe/Copenhagen')::date - 7, n, 'P' || lpad(n::text, 3, '0'), 'finished', 'kiosk',
              now() - interval '7 days', now() - interval '7 days', now() - interval '7 days', md5(random()::text || n)
       FROM generate_series(1, 40) n`,
      [busy.siteId, busy.services[0].id],
    );
    await db.end();
    const advice = async (siteId: string, serviceId: string, token: string) => {
      const res = await sys.triage.as(token).get(`/sites/${siteId}/dashboard`);
      expect(res.status).toBe(200);
      return res.body.services.find((s: { serviceId: string }) => s.serviceId === serviceId).staffing;
    };
    const busyAdvice = await advice(busy.siteId, busy.services[0].id, busy.tokens.supervisor);
    const quietAdvice = await advice(quiet.siteId, quiet.services[0].id, quiet.tokens.supervisor);
    // 0.6 × 40 usual + 0.4 × 0 in the last hour = 24 an hour: more than one counter, and none is open.
    expect(busyAdvice.countersNeeded).toBeGreaterThan(1);
    expect(busyAdvice.delta).toBe(busyAdvice.countersNeeded);
    // A key with parameters that each page words in its language, never an English sentence.
    expect(busyAdvice.advice).toEqual({ key: 'staffing.open-more', params: { counters: busyAdvice.delta, level: 80, target: 15 } });
    expect(busyAdvice).not.toHaveProperty('message');
    expect(quietAdvice.countersNeeded).toBeLessThan(busyAdvice.countersNeeded);

    // Nobody waits yet: the forecast advises on the dashboard, but the floor gets no alarm.
    const staffingAlert = async () => {
      const floor = await sys.triage.as(busy.tokens.floor).get(`/sites/${busy.siteId}/floor-state`);
      return floor.body.alerts.find((a: { id: string }) => a.id === `staffing:${busy.services[0].id}`);
    };
    expect(await staffingAlert()).toBeUndefined();

    // Once a citizen waits, the floor-walker's tablet gets the same advice as an alert.
    await issueTickets(sys, busy, busy.services[0].id, 1);
    const alert = await staffingAlert();
    expect(alert).toMatchObject({ kind: 'staffing', acknowledgeable: true, advice: { code: 'staffing', extra: busyAdvice.delta, level: 80, target: 15 } });
    expect(alert.advice).not.toHaveProperty('text');
    const quietFloor = await sys.triage.as(quiet.tokens.floor).get(`/sites/${quiet.siteId}/floor-state`);
    expect(quietFloor.body.alerts.filter((a: { kind: string }) => a.kind === 'staffing')).toEqual([]);

    // Acknowledged, it leaves the list (for 30 minutes); tried: a malformed id, and another site's floor user.
    const floorApi = sys.triage.as(busy.tokens.floor);
    const bad = await floorApi.post(`/sites/${busy.siteId}/alerts/room/not-an-alert/acknowledge`);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_alert_id']);
    const stranger = await sys.triage.as(quiet.tokens.floor).post(`/sites/${busy.siteId}/alerts/room/${encodeURIComponent(alert.id)}/acknowledge`);
    expect(stranger.status).toBe(403);
    const ack = await floorApi.post(`/sites/${busy.siteId}/alerts/room/${encodeURIComponent(alert.id)}/acknowledge`);
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ alertId: alert.id, quietMinutes: 30 });
    const after = await floorApi.get(`/sites/${busy.siteId}/floor-state`);
    expect(after.body.alerts.map((a: { id: string }) => a.id)).not.toContain(alert.id);
  });
});
