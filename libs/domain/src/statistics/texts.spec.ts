import { REPORT_IDS } from './catalogue';
import { statText, statTextKeys } from './texts';

describe('statistics texts', () => {
  it('hold the same keys in da, en and de, none empty', () => {
    const da = statTextKeys('da').sort();
    expect(statTextKeys('en').sort()).toEqual(da);
    expect(statTextKeys('de').sort()).toEqual(da);
    for (const lang of ['da', 'en', 'de'] as const) for (const key of da) expect(statText(lang, key).trim()).not.toBe('');
  });

  it('give every report a title in every language', () => {
    for (const id of REPORT_IDS)
      for (const lang of ['da', 'en', 'de'] as const) expect(statText(lang, `report.${id}.title`)).not.toBe(`report.${id}.title`);
  });
});
