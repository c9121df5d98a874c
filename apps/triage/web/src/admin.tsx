import '@skranke/web/base.css';
import './common/pages.css';
import './admin/admin.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText } from '@skranke/web';
import { StaffBar } from './common/staff-bar';
import { NoAccess, StaffGate, type StaffContext } from './common/staff-gate';
import { t } from './common/texts';
import { CounterPlanSection } from './admin/counter-plan-section';
import { CountersSection } from './admin/counters-section';
import { DevicesSection } from './admin/devices-section';
import { ListsSection } from './admin/lists-section';
import { NotificationsSection } from './admin/notifications-section';
import { ServicesSection } from './admin/services-section';
import { SiteSection } from './admin/site-section';
import { SsoSection } from './admin/sso-section';
import { StaffFiguresSection } from './admin/staff-figures-section';
import { StaffSection } from './admin/staff-section';
import { type Counter, type Device, type Service, type Site, type StaffUser, answer } from './admin/types';

const SECTIONS = ['site', 'lists', 'services', 'counters', 'counter-plan', 'notifications', 'staff', 'sso', 'staff-figures', 'devices'] as const;

interface Loaded {
  site: Site;
  services: Service[];
  counters: Counter[];
  users: StaffUser[];
  devices: Device[];
}
type State = { kind: 'loading' } | { kind: 'refused' } | { kind: 'failed'; text: string } | { kind: 'ready'; data: Loaded };

async function load(ctx: StaffContext): Promise<Loaded> {
  const path = { siteId: ctx.site.id };
  const [site, services, counters, users, devices] = await Promise.all([
    ctx.api.GET('/api/v1/sites/{siteId}', { params: { path } }).then(answer),
    ctx.api.GET('/api/v1/sites/{siteId}/services', { params: { path } }).then(answer),
    ctx.api.GET('/api/v1/sites/{siteId}/counters', { params: { path } }).then(answer),
    ctx.api.GET('/api/v1/users').then(answer),
    ctx.api.GET('/api/v1/sites/{siteId}/devices', { params: { path } }).then(answer),
  ]);
  return { site, services, counters, users, devices };
}

/**
 * The configuration page for the site's administrators: a section per thing
 * (site and hours, lists, services, counters, counter plan, messages to citizens, staff, the municipal login's roles, per-person figures, devices), reached from
 * the page's own navigation, each with one save. Whether the caller is an
 * administrator here is the server's answer (a municipality's administrator is one).
 */
function AdminPage({ ctx }: { ctx: StaffContext }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    load(ctx).then(
      (data) => setState({ kind: 'ready', data }),
      (e: unknown) => setState(e instanceof ApiError && e.status === 403 ? { kind: 'refused' } : { kind: 'failed', text: errorText(t, e) }),
    );
  }, []);
  useEffect(() => {
    if (state.kind !== 'loading') document.body.dataset.ready = 'true';
  }, [state.kind]);
  if (state.kind === 'refused') return <NoAccess message={t('adminOnly')} logout={ctx.logout} />;
  const bar = <StaffBar ctx={ctx} page="admin" title={t('admin')} />;
  if (state.kind === 'loading') return bar;
  if (state.kind === 'failed')
    return (
      <>
        {bar}
        <p class="error" role="alert">
          {state.text}
        </p>
      </>
    );
  const { data } = state;
  const set = (change: Partial<Loaded>) => setState({ kind: 'ready', data: { ...data, ...change } });
  return (
    <>
      {bar}
      <div class="admin-layout">
        <nav class="admin-nav" aria-label={t('admin.sections')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s}>
                <a href={`#${s}`}>{t(`section.${s}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="admin-sections">
          <SiteSection api={ctx.api} site={data.site} onSaved={(site) => set({ site })} />
          <ListsSection api={ctx.api} site={data.site} onSaved={(site) => set({ site })} />
          <ServicesSection api={ctx.api} siteId={data.site.id} services={data.services} onSaved={(services) => set({ services })} />
          <CountersSection api={ctx.api} siteId={data.site.id} counters={data.counters} services={data.services} />
          <CounterPlanSection api={ctx.api} siteId={data.site.id} counters={data.counters} />
          <NotificationsSection api={ctx.ticketingApi} siteId={data.site.id} />
          <StaffSection api={ctx.api} siteId={data.site.id} users={data.users} />
          <SsoSection api={ctx.api} siteId={data.site.id} />
          <StaffFiguresSection api={ctx.api} site={data.site} />
          <DevicesSection api={ctx.api} config={ctx.config} siteId={data.site.id} slug={data.site.slug} devices={data.devices} />
        </div>
      </div>
    </>
  );
}

render(<StaffGate>{(ctx) => <AdminPage ctx={ctx} />}</StaffGate>, document.getElementById('app')!);
