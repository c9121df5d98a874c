import type { ComponentChildren } from 'preact';
import { type StaffContext, type StaffPage, slugFromPath } from './staff-gate';
import { t } from './texts';

/** Where each staff page lives (the triage pages per site, the counter on the counter-display app); only those the user's roles open. */
function staffLinks(ctx: StaffContext, current: StaffPage): { page: StaffPage; href: string }[] {
  const slug = encodeURIComponent(slugFromPath());
  const links: { page: StaffPage; href: string }[] = [
    { page: 'floor', href: `/floor/${slug}` },
    { page: 'dashboard', href: `/dashboard/${slug}` },
    { page: 'admin', href: `/admin/${slug}` },
    { page: 'counter', href: `${ctx.config.urls.counterDisplay}/counter` },
    // Statistics of every site the user reads reports at, not only this one: no slug.
    { page: 'reports', href: '/reports' },
    // Per-person figures are per site: one's own, and a supervisor's teams.
    { page: 'staff-figures', href: `/staff-figures/${slug}` },
  ];
  // By default there are no per-person figures: their page is linked once the site has given notice.
  const shown = (page: StaffPage) => page !== 'staff-figures' || !!ctx.site.settings.staffFigures;
  return links.filter((l) => l.page === current || (ctx.may(l.page) && shown(l.page)));
}

/**
 * The top of every staff page: which page and site, who is signed in, the
 * other staff pages, and log out (ends the token on every app and socket).
 */
export function StaffBar({ ctx, page, title, children }: { ctx: StaffContext; page: StaffPage; title: string; children?: ComponentChildren }) {
  const logout = async () => {
    await ctx.logout();
    location.reload();
  };
  return (
    <header class="staff-bar">
      <div class="staff-bar-title">
        <h1>{title}</h1>
        <span class="muted">{ctx.site.name}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {staffLinks(ctx, page).map((l) => (
            <li key={l.page}>
              <a href={l.href} data-nav={l.page} aria-current={l.page === page ? 'page' : undefined}>{t(`nav.${l.page}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
      <span class="signed-in" data-testid="signed-in">{t('signedInAs', { name: ctx.me.displayName })}</span>
      <button type="button" class="secondary" data-testid="logout" onClick={() => void logout()}>{t('logout')}</button>
    </header>
  );
}
