import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Clock, bookingCalendar } from '@skranke/core';
import { PLACEHOLDER_MAX, TemplateKind, TemplateValues, fillTemplate, notificationSettings, templateFor, toGsm7 } from '@skranke/domain';
import { Appointment, Service, Site } from '@skranke/persistence';
import type { OutboxRow, RenderedMessage } from './channel';

const LANGUAGES = ['da', 'en', 'de'] as const;
type Language = (typeof LANGUAGES)[number];

/** Cut to the longest a placeholder may be (so an SMS template that passed its check stays within 160). */
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max - 1).trimEnd() + '.' : text);

/** "ons. 24/3 09:00" in the site's zone: short enough for an SMS, unambiguous with the date. */
export function messageTime(at: Date, timeZone: string, language: Language): string {
  const parts = new Intl.DateTimeFormat(language === 'da' ? 'da-DK' : language === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return cut(`${get('weekday').replace(/,$/, '')} ${Number(get('day'))}/${Number(get('month'))} ${get('hour')}:${get('minute')}`, PLACEHOLDER_MAX.time);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as simple HTML: paragraphs, line breaks, links. */
export function textToHtml(text: string, language: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:16px;line-height:1.5">${paragraphs.join('')}</body></html>`;
}

/**
 * Fills a row's template (the site's override or the default) from the row's
 * allow-listed parameters and the names of its site and service. Nothing
 * else reaches a message: no note, no name, no CPR number.
 */
@Injectable()
export class NotificationRenderer {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
    private readonly clock: Clock,
  ) {}

  async render(row: OutboxRow): Promise<RenderedMessage> {
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: row.siteId });
    const language: Language = (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'da';
    const p = row.params as { serviceId?: string; startsAt?: string; bookingCode?: string; manageToken?: string; number?: string; counterName?: string; trackingToken?: string };
    const service = p.serviceId ? await this.dataSource.getRepository(Service).findOneBy({ id: p.serviceId }) : null;
    const manageUrl = p.manageToken ? `${this.config.urls.ticketing}/appointment/${encodeURIComponent(p.manageToken)}` : null;
    // A ticket's messages lead to its page (a push message's tap); only the survey says the link in its text.
    const trackingToken = p.trackingToken ?? (row.subjectKind === 'ticket' ? (await this.dataSource.query(`SELECT tracking_token FROM ticket WHERE id = $1`, [row.subjectId]))[0]?.tracking_token : undefined);
    const ticketUrl = trackingToken ? `${this.config.urls.ticketing}/t/${encodeURIComponent(trackingToken)}` : null;
    const values: TemplateValues = {
      code: p.bookingCode ? cut(p.bookingCode, PLACEHOLDER_MAX.code) : undefined,
      service: service ? cut(service.names[language] || service.names.da, PLACEHOLDER_MAX.service) : undefined,
      time: p.startsAt ? messageTime(new Date(p.startsAt), site.timezone, language) : undefined,
      site: cut(site.name, PLACEHOLDER_MAX.site),
      counter: p.counterName ? cut(p.counterName, PLACEHOLDER_MAX.counter) : undefined,
      number: p.number ? cut(String(p.number), PLACEHOLDER_MAX.number) : undefined,
      manageUrl: manageUrl ?? undefined,
      surveyUrl: row.kind === 'survey' && ticketUrl ? ticketUrl : undefined,
    };
    const smsValues = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined ? v : toGsm7(v)]));
    const settings = notificationSettings((site.settings as { notifications?: unknown }).notifications);
    const template = templateFor(row.kind as TemplateKind, language, settings.templates);
    const text = fillTemplate(template.text, values);
    const attachments: RenderedMessage['attachments'] = [];
    if ((row.kind === 'booking-confirmation' || row.kind === 'booking-moved') && row.subjectKind === 'appointment' && service && manageUrl) {
      const appointment = await this.dataSource.getRepository(Appointment).findOneBy({ id: row.subjectId });
      if (appointment) {
        attachments.push({ filename: 'booking.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: bookingCalendar(appointment, service, site, manageUrl, language, this.clock.now()) });
      }
    }
    return {
      sms: fillTemplate(template.sms, smsValues),
      subject: fillTemplate(template.subject, values).replace(/\s+/g, ' '),
      text,
      html: textToHtml(text, language),
      url: manageUrl ?? ticketUrl,
      attachments,
    };
  }
}
