import { HISTORY_SQL, historyParams } from '../bench/statistics-seed';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { hashDeviceToken, hashPassword, newDeviceToken } from '../../libs/auth/src';
import { DEFAULT_ORDERING, addDays, businessDate } from '../../libs/domain/src';
import {
  DEFAULT_FLAGS,
  DEFAULT_REFERRAL_TARGETS,
  DEFAULT_TOPICS,
  Device,
  Service,
  Site,
  StaffRole,
  StaffUser,
} from '../../libs/persistence/src';

export const DEMO_SLUG = 'demo';
export const DEMO_PASSWORD = 'demo-password';
/** Groups the demo site on the municipality wait-time widget. */
export const DEMO_MUNICIPALITY = 'Demo Kommune';

/** The services of a Copenhagen entrance, from the seed documents. */
const SERVICES = [
  { code: 'passport', prefix: 'P', names: { da: 'Pas', en: 'Passport', de: 'Reisepass' }, target: 15 },
  { code: 'driving-licence', prefix: 'K', names: { da: 'Kørekort', en: 'Driving licence', de: 'Führerschein' }, target: 15 },
  { code: 'mitid', prefix: 'M', names: { da: 'MitID og NemID', en: 'MitID and NemID', de: 'MitID und NemID' }, target: 10 },
  {
    code: 'health-card',
    prefix: 'S',
    names: { da: 'Sundhedskort', en: 'Health insurance card', de: 'Krankenversicherungskarte' },
    target: 10,
  },
  {
    code: 'moving-cpr',
    prefix: 'F',
    names: { da: 'Flytning og CPR', en: 'Moving and CPR registration', de: 'Umzug und CPR-Meldung' },
    target: 15,
  },
  {
    code: 'assisted-self-service',
    prefix: 'B',
    names: { da: 'Hjælp til selvbetjening', en: 'Help with self-service', de: 'Hilfe bei der Selbstbedienung' },
    target: 20,
  },
  {
    code: 'tax-pension',
    prefix: 'T',
    names: { da: 'Skat og pension', en: 'Tax and pension guidance', de: 'Steuer- und Rentenberatung' },
    target: 20,
  },
];

const COUNTERS = [
  { name: 'Skranke 1', kind: 'counter', seats: 1, services: ['passport', 'driving-licence'] },
  { name: 'Skranke 2', kind: 'counter', seats: 1, services: ['passport', 'driving-licence', 'health-card'] },
  { name: 'Skranke 3', kind: 'counter', seats: 1, services: ['mitid', 'health-card', 'moving-cpr'] },
  { name: 'Skranke 4', kind: 'counter', seats: 1, services: ['moving-cpr', 'mitid', 'passport'] },
  { name: 'Bord 1', kind: 'desk', seats: 1, services: ['tax-pension', 'moving-cpr'] },
  { name: 'Medbetjening', kind: 'assisted-self-service', seats: 4, services: ['assisted-self-service', 'mitid'] },
] as const;

/** What the demo's borgerguide resolves at the door, refers to, and flags: keys with Danish, English and German labels. */
const LISTS = {
  topics: [
    ...DEFAULT_TOPICS,
    { key: 'health-card', labels: { da: 'Sundhedskort', en: 'Health insurance card', de: 'Krankenversicherungskarte' } },
    { key: 'moving', labels: { da: 'Flytning', en: 'Moving house', de: 'Umzug' } },
  ],
  referralTargets: [...DEFAULT_REFERRAL_TARGETS, { key: 'jobcenter', labels: { da: 'Jobcenter', en: 'Job centre', de: 'Jobcenter' } }],
  flags: DEFAULT_FLAGS,
};

const USERS = [
  { username: 'leder', displayName: 'Borgerservicechef', role: 'supervisor' },
  { username: 'guide', displayName: 'Borgerguide', role: 'floor' },
  { username: 'skranke', displayName: 'Skrankemedarbejder', role: 'counter' },
] as const;

/** The demo's device tokens; kept in .demo-data so bookmarked kiosk and display addresses keep working (tools/demo/demo-files.ts). */
export interface DemoTokens {
  kiosk: string;
  display: string;
}

/**
 * Seeds the demo site; running it again changes nothing. The device tokens
 * given (from the last run) are kept while their devices are still valid at
 * the demo site; otherwise the old demo devices are revoked and new tokens
 * issued (they are stored hashed, so only the caller can keep them).
 */
export async function seedDemoSite(
  ds: DataSource,
  known: Partial<DemoTokens> = {},
): Promise<{ siteId: string; municipality: string; tokens: DemoTokens }> {
  return ds.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO site (slug, name, municipality, timezone, opening_hours, ordering) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (slug) DO NOTHING`,
      [DEMO_SLUG, 'Borgerservice Demo', DEMO_MUNICIPALITY, 'Europe/Copenhagen', alwaysOpen(), DEFAULT_ORDERING],
    );
    // A demo site seeded without one (or cleared on the configuration page) gets it back, so the widget has something to show.
    await tx.query(`UPDATE site SET municipality = $2 WHERE slug = $1 AND (municipality IS NULL OR btrim(municipality) = '')`, [
      DEMO_SLUG,
      DEMO_MUNICIPALITY,
    ]);
    // The lists once; what an administrator changed later stays.
    await tx.query(`UPDATE site SET settings = $2::jsonb || settings WHERE slug = $1 AND NOT settings ? 'topics'`, [
      DEMO_SLUG,
      JSON.stringify(LISTS),
    ]);
    const site = await tx.getRepository(Site).findOneByOrFail({ slug: DEMO_SLUG });
    for (const [i, s] of SERVICES.entries()) {
      await tx.query(
        `INSERT INTO service (site_id, code, prefix, names, target_wait_minutes, service_level_percent, sort_order)
         VALUES ($1, $2, $3, $4, $5, 80, $6) ON CONFLICT (site_id, code) DO NOTHING`,
        [site.id, s.code, s.prefix, s.names, s.target, i],
      );
    }
    const services = await tx.getRepository(Service).findBy({ siteId: site.id });
    const idOf = (code: string) => services.find((s) => s.code === code)!.id;
    for (const c of COUNTERS) {
      await tx.query(
        `INSERT INTO counter (site_id, name, kind, seats, service_ids) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, name) DO NOTHING`,
        [site.id, c.name, c.kind, c.seats, c.services.map(idOf)],
      );
    }
    await seedBooking(tx, site.id);
    await seedHistoryOnce(tx, site.id);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of USERS) {
      await tx.query(
        `INSERT INTO staff_user (username, password_hash, display_name) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING`,
        [u.username, passwordHash, u.displayName],
      );
      const user = await tx.getRepository(StaffUser).findOneByOrFail({ username: u.username });
      await tx.getRepository(StaffRole).upsert({ userId: user.id, siteId: site.id, role: u.role }, ['userId', 'siteId', 'role']);
    }
    const tokens = {} as DemoTokens;
    for (const kind of ['kiosk', 'display'] as const) {
      const token = known[kind];
      const valid =
        token &&
        (await tx.getRepository(Device).existsBy({ siteId: site.id, kind, tokenHash: hashDeviceToken(token), revokedAt: IsNull() }));
      if (valid) {
        tokens[kind] = token;
        continue;
      }
      await tx.query(`UPDATE device SET revoked_at = now() WHERE site_id = $1 AND name = $2 AND revoked_at IS NULL`, [
        site.id,
        `Demo ${kind}`,
      ]);
      tokens[kind] = newDeviceToken();
      await tx.getRepository(Device).insert({ siteId: site.id, kind, name: `Demo ${kind}`, tokenHash: hashDeviceToken(tokens[kind]) });
    }
    return { siteId: site.id, municipality: site.municipality ?? DEMO_MUNICIPALITY, tokens };
  });
}

/** Services citizens can book at /book/demo, with their lengths in minutes. */
const BOOKABLE = { passport: 15, 'driving-licence': 20, 'moving-cpr': 30 } as Record<string, number>;

/**
 * Booking, once: three bookable services and a counter plan of weekdays 08–16
 * (Thursday until 17:30) for the counters and the desk. Whatever an
 * administrator changed later stays.
 */
async function seedBooking(tx: EntityManager, siteId: string): Promise<void> {
  const planned = await tx.query(`SELECT 1 FROM counter_plan WHERE site_id = $1`, [siteId]);
  if (planned.length) return;
  for (const [code, minutes] of Object.entries(BOOKABLE)) {
    await tx.query(`UPDATE service SET bookable = true, appointment_minutes = $3 WHERE site_id = $1 AND code = $2`, [
      siteId,
      code,
      minutes,
    ]);
  }
  const counters: { id: string; kind: string }[] = await tx.query(
    `SELECT id, kind FROM counter WHERE site_id = $1 AND kind <> 'assisted-self-service'`,
    [siteId],
  );
  const day = (closes: string) => counters.map((c) => ({ counterId: c.id, opens: '08:00', closes }));
  const weekly = { mon: day('16:00'), tue: day('16:00'), wed: day('16:00'), thu: day('17:30'), fri: day('14:00') };
  await tx.query(`INSERT INTO counter_plan (site_id, plan) VALUES ($1, $2)`, [siteId, { weekly, exceptions: [] }]);
}

/**
 * Eight weeks of weekdays before today, once, so the reports page (/reports) has history to show: visits written
 * straight into `ticket` as the day's functions leave them (tools/bench/statistics-seed.ts), marked by nothing but
 * their dates. A site that already has tickets before today keeps what it has.
 */
async function seedHistoryOnce(tx: EntityManager, siteId: string): Promise<void> {
  const today = businessDate(new Date(), 'Europe/Copenhagen');
  const [past] = await tx.query(`SELECT 1 FROM ticket WHERE site_id = $1 AND business_date < $2 LIMIT 1`, [siteId, today]);
  if (past) return;
  const services: { id: string }[] = await tx.query(`SELECT id FROM service WHERE site_id = $1 ORDER BY sort_order`, [siteId]);
  await tx.query(
    HISTORY_SQL,
    historyParams(
      { siteId, serviceIds: services.map((s) => s.id), timezone: 'Europe/Copenhagen' },
      addDays(today, -56),
      addDays(today, -1),
      60,
    ),
  );
}

/** The demo site is open around the clock so it can be tried at any hour. */
function alwaysOpen() {
  const day = [{ opens: '00:00', closes: '24:00' }];
  return { weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, exceptions: [] };
}
