/**
 * A ticket id of another site is answered as one that does not exist: staff of one site
 * learn nothing of another's tickets, not even that an id is real.
 */
import { randomUUID } from 'node:crypto';
import { SiteFixture, issueTickets, seedSite } from '../support/fixtures';
import { TestSystem, startSystem } from '../support/system';

describe('ticket ids of another site', () => {
  let sys: TestSystem;
  let here: SiteFixture;
  let there: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem();
    here = await seedSite(sys);
    there = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  it('a re-prioritisation of another site’s ticket answers 404 ticket_not_found, exactly as an id nobody has', async () => {
    const [theirs] = await issueTickets(sys, there, there.services[0].id, 1);
    const floor = sys.triage.as(here.tokens.supervisor);
    const other = await floor.post(`/sites/${here.siteId}/tickets/${theirs.id}/priority`, { priority: 1 });
    const none = await floor.post(`/sites/${here.siteId}/tickets/${randomUUID()}/priority`, { priority: 1 });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(none.body);
    expect(other.body.error.code).toBe('ticket_not_found');
    // And the ticket was left alone.
    const track = await sys.ticketing.get(`/tickets/track/${theirs.trackingToken}`);
    expect(track.body.status).toBe('waiting');
  });
});
