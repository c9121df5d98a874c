/**
 * The address of a municipality on the public wait-time pages: its free-text
 * name ("Ærø Kommune") lowercased, Danish letters spelt out (æ→ae, ø→oe, å→aa),
 * other accents dropped, every run of other characters one '-', no '-' at
 * either end: "aeroe-kommune".
 */
export const MUNICIPALITY_SLUG_MAX = 200;

const DANISH: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa' };
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function municipalitySlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[æøå]/g, (c) => DANISH[c])
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MUNICIPALITY_SLUG_MAX)
    .replace(/^-+|-+$/g, '');
}

/** Whether a value from a URL can be a municipality slug at all (checked before any lookup). */
export const isMunicipalitySlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MUNICIPALITY_SLUG_MAX && SLUG.test(value);
