import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { LabelledLists1795541400000 } from '../../libs/persistence/src/migrations/1795541400000-labelled-lists.migration';
import { SiteFixture, seedSite } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';

/**
 * Topics, referral targets and flags are keys with labels in Danish, English
 * and German: a page shows the label in its language, an encounter stores the key.
 */
describe("a site's topics, referral targets and flags", () => {
  let sys: TestSystem;
  let site: SiteFixture;
  beforeAll(async () => {
    sys = await startSystem();
    site = await seedSite(sys);
  });
  afterAll(() => sys.stop());

  it('start with Danish, English and German labels for every key', async () => {
    const { settings } = (await sys.triage.as(site.tokens.floor).get(`/sites/${site.siteId}`)).body;
    expect(settings.referralTargets.find((r: { key: string }) => r.key === 'skat')).toEqual({
      key: 'skat',
      labels: { da: 'Skattestyrelsen', en: 'Danish Tax Agency (SKAT)', de: 'Dänische Steuerbehörde (SKAT)' },
    });
    expect(settings.topics.map((t: { key: string }) => t.key)).toEqual(['opening-hours', 'digital-post', 'mitid', 'passport-pickup', 'forms']);
    expect(settings.topics[0].labels).toEqual({ da: 'Åbningstider', en: 'Opening hours', de: 'Öffnungszeiten' });
    expect(settings.flags.find((f: { key: string }) => f.key === 'interpreter').labels).toEqual({ da: 'Tolk', en: 'Interpreter', de: 'Dolmetscher' });
    for (const list of ['topics', 'referralTargets', 'flags']) {
      for (const item of settings[list]) for (const lang of ['da', 'en', 'de']) expect([list, item.key, lang, typeof item.labels[lang]]).toEqual([list, item.key, lang, 'string']);
    }
    const floor = (await sys.triage.as(site.tokens.floor).get(`/sites/${site.siteId}/floor-state`)).body;
    expect(floor.site.settings.topics).toEqual(settings.topics);
  });

  it('are edited as keys with labels; English and German fall back to the Danish label; a plain text is its own key', async () => {
    const admin = sys.triage.as(site.tokens.admin);
    const topics = [{ key: 'pas', labels: { da: 'Pas', en: 'Passport', de: 'Reisepass' } }, { key: 'kort', labels: { da: 'Sundhedskort' } }, 'Flytning'];
    const res = await admin.patch(`/sites/${site.siteId}`, { settings: { topics } });
    expectStatus(res, 200);
    expect(res.body.settings.topics).toEqual([
      { key: 'pas', labels: { da: 'Pas', en: 'Passport', de: 'Reisepass' } },
      { key: 'kort', labels: { da: 'Sundhedskort', en: 'Sundhedskort', de: 'Sundhedskort' } },
      { key: 'Flytning', labels: { da: 'Flytning', en: 'Flytning', de: 'Flytning' } },
    ]);
    const encounter = await sys.triage.as(site.tokens.floor).post(`/sites/${site.siteId}/encounters`, { outcome: 'resolved-on-spot', topic: 'pas' });
    expectStatus(encounter, 201);
    expect(encounter.body.topic).toBe('pas');
  });

  it('refuse an entry without a Danish label, an empty key, and a key twice, with a code', async () => {
    const admin = sys.triage.as(site.tokens.admin);
    for (const flags of [[{ key: 'tolk', labels: { en: 'Interpreter' } }], [{ key: '', labels: { da: 'Tolk' } }], [{ key: 'tolk', labels: { da: 'Tolk' } }, 'tolk'], [{ key: 'tolk' }], [42]]) {
      const res = await admin.patch(`/sites/${site.siteId}`, { settings: { flags } });
      expect([JSON.stringify(flags), res.status, res.body.error?.code]).toEqual([JSON.stringify(flags), 400, 'invalid_settings']);
    }
  });

  it("the migration gives the old English defaults their keys and labels, on sites and on the day's encounters", async () => {
    const db = new Client({ connectionString: sys.env.DATABASE_URL });
    await db.connect();
    try {
      const old = await seedSite(sys);
      await db.query(`UPDATE site SET settings = $2::jsonb WHERE id = $1`, [old.siteId, JSON.stringify({ topics: ['Opening hours', 'Lokalt emne'], referralTargets: ['SKAT'], flags: ['interpreter'] })]);
      const floor = sys.triage.as(old.tokens.floor);
      expectStatus(await floor.post(`/sites/${old.siteId}/encounters`, { outcome: 'referred', referralTarget: 'SKAT' }), 201);
      expectStatus(await floor.post(`/sites/${old.siteId}/encounters`, { outcome: 'resolved-on-spot', topic: 'Opening hours' }), 201);
      const runner = { query: async (sql: string, params?: unknown[]) => (await db.query(sql, params)).rows } as unknown as QueryRunner;
      await new LabelledLists1795541400000().up(runner);
      const [{ settings }] = (await db.query(`SELECT settings FROM site WHERE id = $1`, [old.siteId])).rows;
      expect(settings.topics).toEqual([
        { key: 'opening-hours', labels: { da: 'Åbningstider', en: 'Opening hours', de: 'Öffnungszeiten' } },
        { key: 'Lokalt emne', labels: { da: 'Lokalt emne', en: 'Lokalt emne', de: 'Lokalt emne' } },
      ]);
      expect(settings.referralTargets).toEqual([{ key: 'skat', labels: { da: 'Skattestyrelsen', en: 'Danish Tax Agency (SKAT)', de: 'Dänische Steuerbehörde (SKAT)' } }]);
      const rows = (await db.query(`SELECT outcome, topic, referral_target FROM encounter WHERE site_id = $1 ORDER BY outcome`, [old.siteId])).rows;
      expect(rows).toEqual([
        { outcome: 'referred', topic: null, referral_target: 'skat' },
        { outcome: 'resolved-on-spot', topic: 'opening-hours', referral_target: null },
      ]);
      const today = (await sys.triage.as(old.tokens.supervisor).get(`/sites/${old.siteId}/dashboard`)).body.today;
      expect(today.referrals).toEqual([{ target: 'skat', count: 1 }]);
    } finally {
      await db.end();
    }
  });
});
