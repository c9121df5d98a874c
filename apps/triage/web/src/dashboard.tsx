import '@skranke/web/base.css';
import './common/pages.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorText, formatClock } from '@skranke/web';
import { AlertList } from './common/room-view';
import { StaffBar } from './common/staff-bar';
import { NoAccess, type StaffContext, StaffGate } from './common/staff-gate';
import { lang, t } from './common/texts';
import { useLive } from './common/use-live';
import { CountersTable } from './dashboard/counters-table';
import { type Dashboard, ServicesTable } from './dashboard/services-table';
import { HourChart, TodayFigures } from './dashboard/today-figures';
import { type NotificationCounts, NotificationLine } from './dashboard/notification-line';
import { type EstimateAccuracy, EstimateAccuracyTable } from './dashboard/estimate-accuracy';
import { BookingCounts } from './bookings/booking-counts';
import { useDayBookings } from './bookings/day-bookings';

/** The supervisor's dashboard: services now with their targets, the site-wide line, counters (with control), alerts, today's figures. */
function DashboardPage({ ctx }: { ctx: StaffContext }) {
  const load = async (): Promise<Dashboard & { messages: NotificationCounts | null; accuracy: EstimateAccuracy | null }> => {
    const path = { params: { path: { siteId: ctx.site.id } } };
    // The messages line and the 14 days' accuracy are extras: the dashboard shows without them.
    const [dashboard, messages, accuracy] = await Promise.all([
      ctx.api.GET('/api/v1/sites/{siteId}/dashboard', path),
      ctx.api.GET('/api/v1/sites/{siteId}/notifications/today', path).catch(() => null),
      ctx.api.GET('/api/v1/sites/{siteId}/estimate-accuracy', path).catch(() => null),
    ]);
    return { ...dashboard.data!, messages: messages?.data ?? null, accuracy: accuracy?.data ?? null };
  };
  const { data, error, offline, refresh } = useLive(ctx, load);
  const [message, setMessage] = useState('');
  const day = useDayBookings(ctx);
  if (error instanceof ApiError && error.status === 403) return <NoAccess message={t('noAccess.dashboard')} logout={ctx.logout} />;
  if (data) document.body.dataset.at = data.at;
  return (
    <>
      <StaffBar ctx={ctx} page="dashboard" title={t('dashboard')}>
        {data ? <span class="muted updated">{t('updatedAt', { time: formatClock(lang, data.at, ctx.site.timezone) })}</span> : null}
        {offline ? <p class="offline" role="alert">{t('offline')}</p> : null}
      </StaffBar>
      {error && !data ? <p class="error" role="alert">{errorText(t, error)}</p> : null}
      <p class="error" role="alert">{message}</p>
      {data ? (
        <div class="dashboard">
          <ServicesTable data={data} />
          <AlertList state={{ ...data, seq: 0, services: data.services }} api={ctx.api} onDone={() => void refresh()} onError={setMessage} />
          <CountersTable ctx={ctx} data={data} refresh={() => void refresh()} report={setMessage} />
          <BookingCounts bookings={day.bookings} error={day.error} services={data.services} />
          <div class="dashboard-bottom">
            <div>
              <TodayFigures data={data} />
              {data.messages ? <NotificationLine counts={data.messages} /> : null}
              {data.accuracy ? <EstimateAccuracyTable accuracy={data.accuracy} services={data.services} /> : null}
            </div>
            <HourChart perHour={data.perHour} />
          </div>
        </div>
      ) : null}
    </>
  );
}

render(<StaffGate>{(ctx) => <DashboardPage ctx={ctx} />}</StaffGate>, document.getElementById('app')!);
