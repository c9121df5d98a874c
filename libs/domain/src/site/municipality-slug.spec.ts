import fc from 'fast-check';
import { MUNICIPALITY_SLUG_MAX, isMunicipalitySlug, municipalitySlug } from './municipality-slug';

describe('municipality slugs', () => {
  it.each([
    ['Aarhus Kommune', 'aarhus-kommune'],
    ['Københavns Kommune', 'koebenhavns-kommune'],
    ['Ærø Kommune', 'aeroe-kommune'],
    ['Fanø Kommune', 'fanoe-kommune'],
    ['Høje-Taastrup Kommune', 'hoeje-taastrup-kommune'],
    ['Lyngby-Taarbæk Kommune', 'lyngby-taarbaek-kommune'],
    ['Århus', 'aarhus'],
    ['ÆØÅ æøå', 'aeoeaa-aeoeaa'],
    ['  Ringkøbing–Skjern  Kommune ', 'ringkoebing-skjern-kommune'],
    ['Brønderslev / Dronninglund', 'broenderslev-dronninglund'],
    ['Kommune nr. 101', 'kommune-nr-101'],
    ['Müller Café', 'muller-cafe'],
    ['--Demo Kommune--', 'demo-kommune'],
    ['', ''],
    ['!!!', ''],
  ])('%p → %p', (name, slug) => {
    expect(municipalitySlug(name)).toBe(slug);
  });

  it('turns any name of up to 120 characters into a valid slug or nothing, and a slug into itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: 'grapheme' }), (name) => {
        const slug = municipalitySlug(name);
        expect(slug === '' || isMunicipalitySlug(slug)).toBe(true);
        expect(municipalitySlug(slug)).toBe(slug);
      }),
    );
  });

  it('keeps every slug within the maximum, also for names that grow when spelt out', () => {
    const slug = municipalitySlug('æ'.repeat(150));
    expect(slug).toHaveLength(MUNICIPALITY_SLUG_MAX);
    expect(isMunicipalitySlug(slug)).toBe(true);
  });

  it.each([
    ['aarhus-kommune', true],
    ['kommune-101', true],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', true],
    ['', false],
    ['Aarhus-Kommune', false],
    ['aarhus kommune', false],
    ['aarhus--kommune', false],
    ['-aarhus', false],
    ['aarhus-', false],
    ['../etc', false],
    ['a\u0000b', false],
    ['ærø', false],
  ])('%p is a slug: %p', (value, ok) => {
    expect(isMunicipalitySlug(value)).toBe(ok);
  });

  it('refuses a slug longer than the maximum', () => {
    expect(isMunicipalitySlug('a'.repeat(MUNICIPALITY_SLUG_MAX))).toBe(true);
    expect(isMunicipalitySlug('a'.repeat(MUNICIPALITY_SLUG_MAX + 1))).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const v of [undefined, null, 12, ['a'], { a: 1 }]) expect(isMunicipalitySlug(v)).toBe(false);
  });
});
