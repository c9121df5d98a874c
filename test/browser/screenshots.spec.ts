import { existsSync, statSync } from 'node:fs';
import { screenshot } from '../support/browser';
import { PageName, useTour } from '../support/page-tour';

/**
 * Issue 18: every page in test/artifacts/ at the sizes of its device, on a
 * room with tickets waiting, a counter serving and a medbetjening station
 * with three of four seats busy, for a reviewer to look at.
 */
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const SHOTS: [PageName, string, { width: number; height: number }][] = [
  ['kiosk', 'portrait', { width: 1080, height: 1920 }],
  ['kiosk', 'landscape', { width: 1920, height: 1080 }],
  ['display', 'tv', { width: 1920, height: 1080 }],
  ['counter', 'laptop', { width: 1366, height: 768 }],
  ['station', 'laptop', { width: 1366, height: 768 }],
  ['floor', 'tablet', { width: 1180, height: 820 }],
  ['dashboard', 'laptop', { width: 1366, height: 768 }],
  ['configuration', 'laptop', { width: 1366, height: 768 }],
  ['staff-figures', 'phone-360', SMALL_PHONE],
  ['ticket', 'phone-390', PHONE],
  ['ticket', 'phone-360', SMALL_PHONE],
  ['widget', 'phone-390', PHONE],
  ['widget', 'phone-360', SMALL_PHONE],
  ['municipality-widget', 'phone-390', PHONE],
  ['municipality-widget', 'phone-360', SMALL_PHONE],
  ['book', 'phone-360', SMALL_PHONE],
  ['book', 'laptop', { width: 1366, height: 768 }],
  ['manage', 'phone-360', SMALL_PHONE],
  ['manage', 'laptop', { width: 1366, height: 768 }],
];

describe('screenshots of every page at the sizes of its device', () => {
  const tour = useTour();

  it.each(SHOTS)('%s (%s)', async (name, device, viewport) => {
    const page = await tour.open(name, 'da', viewport);
    try {
      const path = await screenshot(page, `page-${name}-${device}-${viewport.width}x${viewport.height}`);
      expect(existsSync(path) && statSync(path).size > 10_000).toBe(true);
      // Nothing wider than the device: no sideways scrolling on any page.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ page: name, device, overflowPx: Math.max(0, overflow) }).toEqual({ page: name, device, overflowPx: 0 });
    } finally {
      await page.close();
    }
  });
});
