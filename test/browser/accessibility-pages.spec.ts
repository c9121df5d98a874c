import { expectAccessible } from '../support/accessibility';
import { PAGES, PageName, useTour } from '../support/page-tour';

/**
 * Issue 18: axe-core finds no WCAG 2.1 A/AA violation on any page, the
 * configuration page included, each at the size of its device, in Danish, on
 * a busy room (accessibility.spec.ts goes through the kiosk's and the ticket
 * page's screens one by one).
 */
const SIZE: Record<PageName, { width: number; height: number }> = {
  kiosk: { width: 1080, height: 1920 },
  ticket: { width: 390, height: 844 },
  widget: { width: 390, height: 844 },
  'municipality-widget': { width: 390, height: 844 },
  book: { width: 360, height: 740 },
  manage: { width: 360, height: 740 },
  display: { width: 1920, height: 1080 },
  counter: { width: 1366, height: 768 },
  station: { width: 1366, height: 768 },
  floor: { width: 1180, height: 820 },
  dashboard: { width: 1366, height: 768 },
  configuration: { width: 1366, height: 768 },
  reports: { width: 1366, height: 768 },
  'staff-figures': { width: 1366, height: 768 },
};

describe('accessibility of every page (axe-core, WCAG 2.1 AA)', () => {
  const tour = useTour();

  it.each(PAGES)('%s', async (name) => {
    const page = await tour.open(name, 'da', SIZE[name]);
    try {
      await expectAccessible(page, name);
    } finally {
      await page.close();
    }
  });
});
