import { Temporal } from 'temporal-polyfill';
import type { Appointment, Service, Site } from '@skranke/persistence';
import { siteTime } from './booking-capacity.service';

/** What the citizen gets back from booking: the code to show at the kiosk and the key of the manage link. */
export function bookingView(row: { id: string; booking_code: string; manage_token: string | null; service_id: string; starts_at: Date; ends_at: Date }, timeZone: string) {
  return {
    id: row.id,
    bookingCode: row.booking_code,
    manageToken: row.manage_token,
    serviceId: row.service_id,
    startsAt: siteTime(row.starts_at, timeZone),
    endsAt: siteTime(row.ends_at, timeZone),
  };
}

/** The manage page's view: no contact, no id of anything but the booking's own service and site. */
export function managedView(a: Appointment, service: Service, site: Site, now: Date) {
  const cutoff = a.startsAt.getTime() - service.cancelCutoffMinutes * 60_000;
  return {
    id: a.id,
    bookingCode: a.bookingCode,
    status: a.status,
    serviceId: a.serviceId,
    serviceNames: { da: service.names.da, en: service.names.en, de: service.names.de },
    site: { slug: site.slug, name: site.name, timezone: site.timezone },
    startsAt: siteTime(a.startsAt, site.timezone),
    endsAt: siteTime(a.endsAt, site.timezone),
    cancelCutoffAt: siteTime(cutoff, site.timezone),
    changeable: a.status === 'booked' && now.getTime() < cutoff,
    language: a.language,
  };
}

/** Staff's list: whether a contact is held, never the contact itself. */
export function staffView(a: Appointment, timeZone: string) {
  return {
    id: a.id,
    bookingCode: a.bookingCode,
    serviceId: a.serviceId,
    startsAt: siteTime(a.startsAt, timeZone),
    endsAt: siteTime(a.endsAt, timeZone),
    status: a.status,
    bookedBy: a.bookedBy,
    hasContact: a.phone !== null || a.email !== null,
    ticketId: a.ticketId,
  };
}

const ICS_TEXT = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const localStamp = (z: Temporal.ZonedDateTime) =>
  z.toPlainDateTime().toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
const offset = (ns: number) => {
  const minutes = Math.round(ns / 60e9);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** The same instant as wall time in a fixed offset (nanoseconds east of UTC). */
const inOffset = (z: Temporal.ZonedDateTime, ns: number) => {
  const o = offset(ns);
  return z.toInstant().toZonedDateTimeISO(`${o.slice(0, 3)}:${o.slice(3)}`);
};

/**
 * DTSTART/DTEND of the booking: the site's wall time with its TZID, except in
 * the hour the clocks go back, where a wall time names two instants (a calendar
 * takes the first): there the instant itself, in UTC.
 */
function eventTime(name: 'DTSTART' | 'DTEND', z: Temporal.ZonedDateTime, timeZone: string): string {
  const wall = z.toPlainDateTime();
  const first = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' }).epochNanoseconds;
  const last = wall.toZonedDateTime(timeZone, { disambiguation: 'later' }).epochNanoseconds;
  return first === last ? `${name};TZID=${timeZone}:${localStamp(z)}` : `${name}:${utcStamp(z.epochMilliseconds)}`;
}

/** Lines are folded at 75 octets (RFC 5545 3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch, 'utf8') > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * The zone as the calendar needs it around one instant: the transitions before
 * and after it, with their offsets, read from the time-zone data (not a
 * hand-written rule), so any site zone is described correctly.
 */
function vtimezone(timeZone: string, at: Temporal.ZonedDateTime): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const previous = at.getTimeZoneTransition('previous');
  const next = at.getTimeZoneTransition('next');
  const transitions = [previous, next].filter((t): t is Temporal.ZonedDateTime => t !== null);
  if (!transitions.length) {
    const o = offset(at.offsetNanoseconds);
    return [...lines, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${o}`, `TZOFFSETTO:${o}`, 'END:STANDARD', 'END:VTIMEZONE'];
  }
  for (const t of transitions) {
    const before = t.subtract({ nanoseconds: 1 });
    const kind = t.offsetNanoseconds > before.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
    // The onset is the wall time the change happens at, in the offset it changes from (RFC 5545 3.6.5): 02:00 in spring, 03:00 in autumn.
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStamp(inOffset(t, before.offsetNanoseconds))}`, `TZOFFSETFROM:${offset(before.offsetNanoseconds)}`, `TZOFFSETTO:${offset(t.offsetNanoseconds)}`, `END:${kind}`);
  }
  return [...lines, 'END:VTIMEZONE'];
}

/** The booking as an iCalendar file (RFC 5545), in the site's zone. */
export function bookingCalendar(a: Appointment, service: Service, site: Site, manageUrl: string, language: 'da' | 'en' | 'de', now: Date): string {
  const start = Temporal.Instant.fromEpochMilliseconds(a.startsAt.getTime()).toZonedDateTimeISO(site.timezone);
  const end = Temporal.Instant.fromEpochMilliseconds(a.endsAt.getTime()).toZonedDateTimeISO(site.timezone);
  const words = CALENDAR_WORDS[language];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Skranke//Booking//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone(site.timezone, start),
    'BEGIN:VEVENT',
    `UID:${a.id}@skranke`,
    `DTSTAMP:${utcStamp(now.getTime())}`,
    eventTime('DTSTART', start, site.timezone),
    eventTime('DTEND', end, site.timezone),
    `SUMMARY:${ICS_TEXT(`${service.names[language] ?? service.names.da} – ${site.name}`)}`,
    `LOCATION:${ICS_TEXT(site.name)}`,
    `DESCRIPTION:${ICS_TEXT(`${words.code}: ${a.bookingCode}\n${words.manage}: ${manageUrl}`)}`,
    `URL:${manageUrl}`,
    `STATUS:${a.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

const CALENDAR_WORDS = {
  da: { code: 'Bookingkode', manage: 'Flyt eller aflys' },
  en: { code: 'Booking code', manage: 'Move or cancel' },
  de: { code: 'Buchungscode', manage: 'Verschieben oder absagen' },
};
