import { MigrationInterface, QueryRunner } from 'typeorm';

type Labels = { da: string; en: string; de: string };
const LISTS = ['topics', 'referralTargets', 'flags'] as const;

/** The old English defaults and what they became: a key and labels in Danish, English and German. */
const KNOWN: Record<string, { key: string; labels: Labels }> = {
  'Opening hours': { key: 'opening-hours', labels: { da: 'Åbningstider', en: 'Opening hours', de: 'Öffnungszeiten' } },
  'Digital Post': { key: 'digital-post', labels: { da: 'Digital Post', en: 'Digital Post', de: 'Digitale Post' } },
  MitID: { key: 'mitid', labels: { da: 'MitID', en: 'MitID', de: 'MitID' } },
  'Passport pick-up': { key: 'passport-pickup', labels: { da: 'Afhentning af pas', en: 'Passport pick-up', de: 'Passabholung' } },
  Forms: { key: 'forms', labels: { da: 'Blanketter', en: 'Forms', de: 'Formulare' } },
  'Udbetaling Danmark': { key: 'udbetaling-danmark', labels: { da: 'Udbetaling Danmark', en: 'Udbetaling Danmark (Payments Denmark)', de: 'Udbetaling Danmark (Auszahlung Dänemark)' } },
  SKAT: { key: 'skat', labels: { da: 'Skattestyrelsen', en: 'Danish Tax Agency (SKAT)', de: 'Dänische Steuerbehörde (SKAT)' } },
  'Back office': { key: 'back-office', labels: { da: 'Bagland', en: 'Back office', de: 'Sachbearbeitung' } },
  'Another department': { key: 'other-department', labels: { da: 'Anden afdeling', en: 'Another department', de: 'Andere Abteilung' } },
  interpreter: { key: 'interpreter', labels: { da: 'Tolk', en: 'Interpreter', de: 'Dolmetscher' } },
  'step-free-access': { key: 'step-free-access', labels: { da: 'Niveaufri adgang', en: 'Step-free access', de: 'Barrierefreier Zugang' } },
  'first-time-digital': { key: 'first-time-digital', labels: { da: 'Ny digital bruger', en: 'New to digital', de: 'Digital unerfahren' } },
  'forgot-mitid': { key: 'forgot-mitid', labels: { da: 'Glemt MitID', en: 'Forgot MitID', de: 'MitID vergessen' } },
};

/**
 * Topics, referral targets and flags become keys with labels per language
 * (issue 18: a Danish page never shows an English default). A site's own texts
 * keep themselves as key and label; encounters recorded with an old English
 * default get its key, so the day's figures count them with the new ones.
 */
export class LabelledLists1795541400000 implements MigrationInterface {
  name = 'LabelledLists1795541400000';

  async up(q: QueryRunner): Promise<void> {
    const sites: { id: string; settings: Record<string, unknown> }[] = await q.query(`SELECT id, settings FROM site`);
    for (const site of sites) {
      const changed: Record<string, unknown> = {};
      for (const list of LISTS) {
        const values = site.settings?.[list];
        if (!Array.isArray(values)) continue;
        changed[list] = values.map((v) => (typeof v === 'string' ? (KNOWN[v] ?? { key: v, labels: { da: v, en: v, de: v } }) : v));
      }
      if (Object.keys(changed).length) await q.query(`UPDATE site SET settings = settings || $2::jsonb WHERE id = $1`, [site.id, JSON.stringify(changed)]);
    }
    for (const [old, { key }] of Object.entries(KNOWN)) {
      if (old === key) continue;
      await q.query(`UPDATE encounter SET topic = $2 WHERE topic = $1`, [old, key]);
      await q.query(`UPDATE encounter SET referral_target = $2 WHERE referral_target = $1`, [old, key]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const sites: { id: string; settings: Record<string, unknown> }[] = await q.query(`SELECT id, settings FROM site`);
    const byKey = new Map(Object.entries(KNOWN).map(([old, v]) => [v.key, old]));
    for (const site of sites) {
      const changed: Record<string, unknown> = {};
      for (const list of LISTS) {
        const values = site.settings?.[list];
        if (Array.isArray(values)) changed[list] = values.map((v: { key?: string } | string) => (typeof v === 'string' ? v : (byKey.get(v.key ?? '') ?? v.key)));
      }
      if (Object.keys(changed).length) await q.query(`UPDATE site SET settings = settings || $2::jsonb WHERE id = $1`, [site.id, JSON.stringify(changed)]);
    }
    for (const [old, { key }] of Object.entries(KNOWN)) {
      if (old === key) continue;
      await q.query(`UPDATE encounter SET topic = $1 WHERE topic = $2`, [old, key]);
      await q.query(`UPDATE encounter SET referral_target = $1 WHERE referral_target = $2`, [old, key]);
    }
  }
}
