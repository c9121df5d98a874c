import { invalid } from '@skranke/domain';
import { SiteBranding } from '@skranke/persistence';

/** A logo the kiosk's CSP allows (img-src https: data:): an https address, or a small SVG or PNG inline (the API takes 64 kB bodies). */
const LOGO_URL = /^https:\/\/[^\s"'<>]{1,490}$/;
const LOGO_DATA = /^data:image\/(svg\+xml|png)(;base64)?,[A-Za-z0-9+/=%._~!$&'()*,;:@-]+$/;
const MAX_DATA_CHARS = 40_000;
const COLOUR = /^#[0-9a-f]{6}$/i;

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast of white text on `hex` (1…21). */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/**
 * `settings.branding`: `{ logo?, primaryColor? }`. The colour carries white
 * button text on the kiosk, so it must reach WCAG AA (4.5:1) against white.
 */
export function validateBranding(value: unknown): SiteBranding {
  const fail = (why: string) => invalid('invalid_settings', `settings.branding ${why}`, { setting: 'branding' });
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail('must be { logo?, primaryColor? }.');
  const { logo, primaryColor, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) throw fail('knows only logo and primaryColor.');
  const out: SiteBranding = {};
  if (logo !== undefined && logo !== null && logo !== '') {
    const ok = typeof logo === 'string' && (LOGO_URL.test(logo) || (logo.length <= MAX_DATA_CHARS && LOGO_DATA.test(logo)));
    if (!ok) throw fail(`.logo must be an https address or a data:image/svg+xml or data:image/png URI of at most ${MAX_DATA_CHARS} characters.`);
    out.logo = logo;
  }
  if (primaryColor !== undefined && primaryColor !== null && primaryColor !== '') {
    if (typeof primaryColor !== 'string' || !COLOUR.test(primaryColor)) throw fail('.primaryColor must be a colour as #rrggbb.');
    if (contrastWithWhite(primaryColor) < 4.5) throw fail('.primaryColor is too light for white text (WCAG AA needs 4.5:1).');
    out.primaryColor = primaryColor.toLowerCase();
  }
  return out;
}
