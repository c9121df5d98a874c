import '@skranke/web/base.css';
import './common/pages.css';
import { ApiError, h, render } from '@skranke/web';
import { listEditor } from './admin/list-editor';
import { AdminContext, section } from './admin/admin-context';
import { countersSection } from './admin/counters-section';
import { devicesSection } from './admin/devices-section';
import { servicesSection } from './admin/services-section';
import { siteSection } from './admin/site-section';
import { staffSection } from './admin/staff-section';
import { logoutButton, staffGate } from './common/staff-gate-dom';
import { t } from './common/texts';

/** Configuration for administrators: site and opening hours, lists, services, counters, staff, devices (token shown once). */
async function main() {
  const app = document.getElementById('app')!;
  const gate = await staffGate(app);
  const base = `/sites/${gate.site.id}`;
  const message = h('p', { class: 'status', role: 'status', 'data-testid': 'admin-status' });
  const body = h('div');
  const say = (text: string | Node, ok: boolean) => {
    render(message, text);
    message.className = `status ${ok ? 'ok' : 'error'}`;
  };
  const ctx: AdminContext = {
    api: gate.api,
    siteId: gate.site.id,
    base,
    say,
    act: (fn, done) => async () => {
      say('', true);
      try {
        const result = await fn();
        await draw();
        say(typeof done === 'function' ? done(result) : (done ?? t('saved')), true);
      } catch (e) {
        say(e instanceof ApiError ? (e.code === 'cpr_not_allowed' ? t('error.cpr_not_allowed') : e.message) : String(e), false);
      }
    },
  };
  type Item = { key: string; labels: { da: string; en: string; de: string } };
  let lists: Record<string, Item[]> = {};
  // One line per entry, by its Danish label: a line that names an entry keeps it (key and other labels); a new line is its own key.
  const saveList = async (key: string, values: string[]) =>
    void (await gate.api.patch(base, { settings: { [key]: values.map((v) => lists[key]?.find((i) => i.labels.da === v) ?? v) } }));
  const labels = (items: Item[]) => items.map((i) => i.labels.da);
  async function draw() {
    const [site, services, counters, devices, users] = await Promise.all(
      [base, `${base}/services`, `${base}/counters`, `${base}/devices`, '/users'].map((path) => gate.api.get(path)),
    );
    const settings: Record<'topics' | 'referralTargets' | 'flags', Item[]> = { topics: [], referralTargets: [], flags: [], ...site.settings };
    lists = settings;
    render(body,
      siteSection(ctx, site),
      section('lists', t('lists'), h('div', { class: 'figures' }, listEditor('topics', t('topics'), labels(settings.topics), saveList), listEditor('referralTargets', t('referralTargets'), labels(settings.referralTargets), saveList), listEditor('flags', t('flagList'), labels(settings.flags), saveList))),
      servicesSection(ctx, services),
      countersSection(ctx, counters, services),
      staffSection(ctx, users),
      devicesSection(ctx, devices),
    );
  }
  try {
    await draw();
    render(app, h('header', {}, h('h1', {}, `${t('admin')} · ${gate.site.name}`), logoutButton(gate)), message, body);
  } catch (e) {
    const refused = e instanceof ApiError && e.status === 403;
    render(app, h('p', { class: 'error', role: 'alert', 'data-testid': 'no-access' }, refused ? t('adminOnly') : e instanceof ApiError ? e.message : String(e)));
  }
  document.body.dataset.ready = 'true';
}

void main();
