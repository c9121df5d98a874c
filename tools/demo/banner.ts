import { municipalitySlug } from '../../libs/domain/src';
import { DEMO_PASSWORD, DEMO_SLUG, DemoTokens } from './demo-site';

export interface BannerInfo {
  urls: { ticketing: string; triage: string; counterDisplay: string };
  siteId: string;
  municipality: string;
  tokens: DemoTokens;
  admin: { username: string; password: string };
  /** Where the banner is also written. */
  file: string;
  /** The folder the demo's mail server writes every e-mail to, or null when SMTP_URL was given. */
  mail?: string | null;
}

/** What `npm run demo` prints last (and writes to .demo-data/demo.txt): the pages to open, with their logins and device tokens. */
export function demoBanner({ urls, siteId, municipality, tokens, admin, file, mail }: BannerInfo): string {
  const display = `${urls.counterDisplay}/display#token=${tokens.display}`;
  const m = municipalitySlug(municipality);
  const mailLine = mail
    ? `  E-mail: every message the demo sends (confirmations, reminders, reports) is written to ${mail}/ as .eml\n`
    : '';
  return `
Skranke demo is running (Ctrl-C stops it). This text is also in ${file}.

  Kiosk            ${urls.ticketing}/kiosk/${DEMO_SLUG}#token=${tokens.kiosk}
  Waiting room     ${display}
                   as a wall screen, sound without a tap: chromium --kiosk --autoplay-policy=no-user-gesture-required '${urls.counterDisplay}/display?sound=on#token=${tokens.display}'
  Counter          ${urls.counterDisplay}/counter              (skranke / ${DEMO_PASSWORD})
  Floor tablet     ${urls.triage}/floor/${DEMO_SLUG}           (guide / ${DEMO_PASSWORD})
  Dashboard        ${urls.triage}/dashboard/${DEMO_SLUG}       (leder / ${DEMO_PASSWORD})
  Reports          ${urls.triage}/reports                 (leder / ${DEMO_PASSWORD}; eight weeks of history)
  Configuration    ${urls.triage}/admin/${DEMO_SLUG}           (${admin.username} / ${admin.password})
  Book a time      ${urls.ticketing}/book/${DEMO_SLUG}             (passport, driving licence, moving: weekdays)
  Site widget      ${urls.ticketing}/widget/${DEMO_SLUG}
  Municipal widget ${urls.ticketing}/widget/municipality/${m}   (all sites of ${municipality})
  Make it busy     npm run simulate -- --site ${DEMO_SLUG} --speed 60

  Ticketing        ${urls.ticketing}/api/docs
  Triage           ${urls.triage}/api/docs
  Counter-display  ${urls.counterDisplay}/api/docs   (socket.io at /socket.io)
  Public wait times ${urls.ticketing}/api/v1/public/sites/${DEMO_SLUG}/wait-times
                    ${urls.ticketing}/api/v1/public/municipalities/${m}/wait-times

  Site "${DEMO_SLUG}" id ${siteId}
  Staff logins (POST /api/v1/auth/login):
    administrator   ${admin.username} / ${admin.password}
    supervisor      leder / ${DEMO_PASSWORD}
    floor-walker    guide / ${DEMO_PASSWORD}
    counter         skranke / ${DEMO_PASSWORD}
  Device tokens (kept across restarts in .demo-data/tokens.json; delete it for new ones):
    kiosk           ${tokens.kiosk}
    display         ${tokens.display}

${mailLine}  Logs: warnings and errors only; npm run demo -- --access-log (or DEMO_ACCESS_LOG=1) shows every request.
`;
}
