import { useEffect, useState } from 'preact/hooks';
import { type TriageSchemas, errorText, locale } from '@skranke/web';
import type { TriageApi } from '../common/api';
import type { SiteView } from '../common/staff-gate';
import { lang, t } from '../common/texts';
import type { ReportQuery } from './report-query';
import type { ReportListing } from './types';

type Subscription = TriageSchemas['schemas']['ReportSubscriptionSchema'];
type Frequency = Subscription['frequency'];
const FREQUENCIES: Frequency[] = ['daily', 'weekly', 'monthly'];

/** A date and time as the page's language writes it, in the site's time zone. */
const when = (at: string, timeZone = 'Europe/Copenhagen') =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));

/**
 * The report on screen by e-mail: the sites and the report chosen above, daily, weekly or monthly for the last
 * closed period, and the user's own subscriptions with a way to end each. Offered only where the listing says
 * the report can be sent (`byEmail`: a report of aggregates, and the installation sends e-mail); the list is
 * shown whenever the user has any.
 */
export function ReportByEmail(props: {
  api: TriageApi;
  query: ReportQuery;
  listing: ReportListing | undefined;
  reports: ReportListing[];
  sites: SiteView[];
}) {
  const { api, query, listing, reports, sites } = props;
  const [mine, setMine] = useState<Subscription[]>([]);
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [email, setEmail] = useState('');
  const [skipWhenEmpty, setSkipWhenEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const reload = () => api.GET('/api/v1/report-subscriptions').then(({ data }) => setMine(data ?? []));
  useEffect(() => void reload().catch((e: unknown) => setError(errorText(t, e))), []);

  const subscribe = async (e: Event) => {
    e.preventDefault();
    const { report } = query;
    if (report === 'visits') return; // a file only: the form is not offered for it
    setBusy(true);
    setError('');
    setDone('');
    try {
      const { data } = await api.POST('/api/v1/report-subscriptions', {
        body: { report, siteIds: query.siteIds.split(','), frequency, lang: query.lang, email: email.trim(), skipWhenEmpty },
      });
      await reload();
      setDone(t('reports.email.subscribed', { email: data!.email, next: sendTime(data!.nextRunAt, data!.siteIds) }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const end = async (id: string) => {
    setError('');
    setDone('');
    try {
      await api.DELETE('/api/v1/report-subscriptions/{subscriptionId}', { params: { path: { subscriptionId: id } } });
      await reload();
      setDone(t('reports.email.ended'));
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  // Sends go by the first site's clock.
  const sendTime = (at: string, siteIds: string[]) => when(at, sites.find((s) => s.id === siteIds[0])?.timezone);
  const siteNames = (ids: string[]) => ids.map((id) => sites.find((s) => s.id === id)?.name ?? '–').join(', ');
  const title = (id: string) => reports.find((r) => r.id === id)?.title ?? id;

  if (!listing?.byEmail && !mine.length) return null;
  return (
    <section aria-labelledby="by-email-title" class="report-by-email" data-testid="report-by-email">
      <h2 id="by-email-title">{t('reports.email.title')}</h2>
      {listing?.byEmail ? (
        <form onSubmit={(e) => void subscribe(e)}>
          <p class="explain">{t('reports.email.explain', { title: listing.title })}</p>
          <div class="choices">
            <label>
              {t('reports.email.frequency')}
              <select value={frequency} onChange={(e) => setFrequency(e.currentTarget.value as Frequency)} data-testid="email-frequency">
                {FREQUENCIES.map((f) => (
                  <option key={f} value={f}>
                    {t(`reports.email.frequency.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('reports.email.address')}
              <input
                type="email"
                required
                autocomplete="email"
                maxLength={254}
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
                data-testid="email-address"
              />
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={skipWhenEmpty}
                onChange={(e) => setSkipWhenEmpty(e.currentTarget.checked)}
                data-testid="email-skip-empty"
              />
              {t('reports.email.skipWhenEmpty')}
            </label>
          </div>
          <button type="submit" disabled={busy} aria-busy={busy} data-testid="email-subscribe">
            {t('reports.email.subscribe')}
          </button>
        </form>
      ) : null}
      <p class="muted" role="status" data-testid="email-status">
        {done}
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      {mine.length ? (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('reports.email.mine')}>
          <table class="subscriptions" data-testid="email-subscriptions">
            <caption>{t('reports.email.mine')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.report')}</th>
                <th scope="col">{t('reports.sites')}</th>
                <th scope="col">{t('reports.email.frequency')}</th>
                <th scope="col">{t('reports.email.address')}</th>
                <th scope="col">{t('reports.email.next')}</th>
                <th scope="col">{t('reports.email.last')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {mine.map((s) => (
                <tr key={s.id} data-subscription={s.id}>
                  <th scope="row">{title(s.report)}</th>
                  <td>{siteNames(s.siteIds)}</td>
                  <td>{t(`reports.email.frequency.${s.frequency}`)}</td>
                  <td>{s.email}</td>
                  <td>{sendTime(s.nextRunAt, s.siteIds)}</td>
                  <td>
                    {s.lastStatus
                      ? t(`reports.email.status.${s.lastStatus}`, { at: s.lastRunAt ? sendTime(s.lastRunAt, s.siteIds) : '' })
                      : '–'}
                  </td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => void end(s.id)}
                      aria-label={t('reports.email.endOne', { title: title(s.report) })}
                    >
                      {t('reports.email.end')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
