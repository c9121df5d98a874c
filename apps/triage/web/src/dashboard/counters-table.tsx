import { errorText, formatNumber } from '@skranke/web';
import { seatLines } from '../common/room-view';
import type { StaffContext } from '../common/staff-gate';
import { lang, t } from '../common/texts';
import { ProfileEditor } from './profile-editor';
import type { Dashboard } from './services-table';

type Counter = Dashboard['counters'][number];
type Action = 'open' | 'pause' | 'close';

/** Why an action is not possible in the counter's state, or null when it is. */
export function refusal(state: Counter['state'], action: Action): string | null {
  if (action === 'open') return state === 'open' ? 'reason.alreadyOpen' : null;
  if (action === 'pause') return state === 'paused' ? 'reason.alreadyPaused' : state === 'closed' ? 'reason.pauseClosed' : null;
  return state === 'closed' ? 'reason.alreadyClosed' : null;
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Counters: state, staff, current ticket per seat and for how long; open, pause, close as the state allows, and the service profile. */
export function CountersTable({ ctx, data, refresh, report }: { ctx: StaffContext; data: Dashboard; refresh: () => void; report: (m: string) => void }) {
  const act = async (c: Counter, a: Action) => {
    try {
      const path = { params: { path: { counterId: c.id } } };
      if (a === 'open') await ctx.counterApi.POST('/api/v1/counters/{counterId}/open', path);
      else if (a === 'pause') await ctx.counterApi.POST('/api/v1/counters/{counterId}/pause', { ...path, body: {} });
      else await ctx.counterApi.POST('/api/v1/counters/{counterId}/close', path);
      report('');
    } catch (e) {
      report(errorText(t, e));
    }
    refresh();
  };
  return (
    <section aria-labelledby="counters-title">
      <h2 id="counters-title">{t('counters')}</h2>
      <div class="table-scroll">
        <table class="counters-table">
          <thead>
            <tr>
              <th scope="col">{t('col.counter')}</th>
              <th scope="col">{t('col.state')}</th>
              <th scope="col">{t('staff')}</th>
              <th scope="col">{t('current')}</th>
              <th scope="col">{t('col.actions')}</th>
              <th scope="col">{t('profile')}</th>
            </tr>
          </thead>
          <tbody>
            {data.counters.map((c) => {
              const reasons = (['open', 'pause', 'close'] as const).map((a) => ({ a, why: refusal(c.state, a) }));
              const reasonId = `reason-${c.id}`;
              return (
                <tr key={c.id} data-counter={c.name}>
                  <th scope="row">{c.name}</th>
                  <td data-state={c.state}>{t(`state.${c.state}`)}</td>
                  <td>{c.staffName ?? '–'}</td>
                  <td>
                    {c.current.length
                      ? seatLines(c).filter((s) => s.number).map((s) => <div key={s.seat}>{s.label}: {s.number}</div>)
                      : '–'}
                    {c.currentSeconds !== null ? <small class="muted">{t('sinceCalled', { time: clock(c.currentSeconds) })}</small> : null}
                  </td>
                  <td>
                    <div class="counter-actions">
                      {reasons.map(({ a, why }) => (
                        <button type="button" key={a} class="secondary" data-action={a} disabled={why !== null} title={why ? t(why) : undefined}
                          aria-describedby={why ? reasonId : undefined} onClick={() => void act(c, a)}>
                          {t(a)}
                        </button>
                      ))}
                    </div>
                    <small id={reasonId} class="muted reason">{reasons.filter((r) => r.why).map((r) => t(r.why!)).join(' ')}</small>
                  </td>
                  <td>
                    <ProfileEditor key={c.id} ctx={ctx} counter={c} services={data.services} onSaved={refresh} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('countersOpenNow', { count: formatNumber(lang, data.totals.openCounters), all: formatNumber(lang, data.counters.length) })}</p>
    </section>
  );
}
