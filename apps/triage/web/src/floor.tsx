import '@skranke/web/base.css';
import './common/pages.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorText } from '@skranke/web';
import { AlertList, CounterChips, type FloorState, ServiceTiles } from './common/room-view';
import { StaffBar } from './common/staff-bar';
import { NoAccess, type StaffContext, StaffGate } from './common/staff-gate';
import { t } from './common/texts';
import { useLive } from './common/use-live';
import { NumberSearch, searchNumber } from './floor/number-search';
import { TriagePanel } from './floor/triage-panel';
import { WaitingList } from './floor/waiting-list';
import { useDayBookings } from './bookings/day-bookings';
import { DayBookingList } from './bookings/day-list';
import { StaffBooking } from './bookings/staff-booking';

/** The borgerguide's tablet: the room at a glance, alerts, the visitering's four outcomes, a number search and the waiting list. */
function FloorPage({ ctx }: { ctx: StaffContext }) {
  const load = async (): Promise<FloorState> => (await ctx.api.GET('/api/v1/sites/{siteId}/floor-state', { params: { path: { siteId: ctx.site.id } } })).data!;
  const { data: state, error, offline, refresh } = useLive(ctx, load);
  const [message, setMessage] = useState('');
  const [query, setQuery] = useState('');
  const [bookingsVersion, setBookingsVersion] = useState(0);
  const day = useDayBookings(ctx, bookingsVersion);
  if (error instanceof ApiError && error.status === 403) return <NoAccess message={t('noAccess.floor')} logout={ctx.logout} />;
  const result = state ? searchNumber(state, query) : null;
  if (state) document.body.dataset.seq = String(state.seq);
  return (
    <>
      <StaffBar ctx={ctx} page="floor" title={t('floor.title')}>
        {offline ? <p class="offline" role="alert">{t('offline')}</p> : null}
      </StaffBar>
      {error && !state ? <p class="error" role="alert">{errorText(t, error)}</p> : null}
      {state ? (
        <div class="floor">
          <div class="room">
            <ServiceTiles state={state} />
            <CounterChips state={state} />
            <AlertList state={state} api={ctx.api} onDone={() => void refresh()} onError={setMessage} />
          </div>
          <TriagePanel ctx={ctx} state={state} onRecorded={() => void refresh()} />
          <p class="error" role="alert">{message}</p>
          <NumberSearch query={query} onQuery={setQuery} result={result} state={state} />
          <WaitingList ctx={ctx} state={state} only={result?.waiting ?? null} refresh={() => void refresh()} report={setMessage} />
          <StaffBooking ctx={ctx} onBooked={() => setBookingsVersion((v) => v + 1)} />
          <DayBookingList ctx={ctx} bookings={day.bookings} error={day.error} services={state.services} />
        </div>
      ) : null}
    </>
  );
}

render(<StaffGate>{(ctx) => <FloorPage ctx={ctx} />}</StaffGate>, document.getElementById('app')!);
