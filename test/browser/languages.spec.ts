import { LANGS, describeLeaks, languageFiles, languageLeaks, pageTexts } from '../support/page-texts';
import { PAGES, useTour } from '../support/page-tour';

/**
 * Issue 18, item 1: one language at a time, everywhere. Every page in Danish,
 * English and German shows no text that only another language's files have
 * (English on a Danish page, Danish on an English or German one), and no raw
 * key, code or unfilled {placeholder}, in its text or in what a screen reader
 * or tooltip says (placeholder, aria-label, title, alt).
 */
const VIEWPORT = { width: 1366, height: 900 };

describe('one language at a time on every page', () => {
  const tour = useTour();
  const files = languageFiles();

  it('the check finds English on a Danish page, Danish on an English one, and raw keys and codes', () => {
    const texts = [
      { text: 'Næste', from: 'text' },
      { text: files.files['libs/web/src/i18n/en.json']['error.seat_busy'], from: 'text' },
      { text: 'wait.about', from: 'text' },
      { text: 'Fejl: seat_busy', from: 'aria-label' },
      { text: 'ca. {minutes} min', from: 'text' },
      { text: 'Gennemsnit 3.5 min', from: 'text' },
      { text: 'Åbner kl. 14.05 · 1.234 i dag', from: 'text' },
    ];
    const leaks = languageLeaks(texts, 'da', files);
    expect(leaks.map((l) => [l.text, l.why.split(':')[0]])).toEqual([
      [texts[1].text, 'only in the en language files'],
      ['wait.about', 'a key of the language files'],
      ['wait.about', 'a key'],
      ['Fejl: seat_busy', 'a code'],
      ['ca. {minutes} min', 'an unfilled {placeholder}'],
      ['Gennemsnit 3.5 min', 'a number not written the da way'],
    ]);
    const danish = files.files['libs/web/src/i18n/da.json']['error.seat_busy'];
    expect(languageLeaks([{ text: danish, from: 'text' }], 'en', files).length).toBe(1);
    expect(languageLeaks([{ text: danish, from: 'text' }], 'da', files)).toEqual([]);
    // An English template of short words only ("{day} at {time}") is no reason to flag Danish "at".
    expect(languageLeaks([{ text: 'Gem linket: det er den eneste måde at ændre din tid på nettet.', from: 'text' }], 'da', files)).toEqual(
      [],
    );
  });

  describe.each(PAGES)('%s', (name) => {
    it.each(LANGS)('in %s', async (lang) => {
      const page = await tour.open(name, lang, VIEWPORT);
      try {
        const texts = await pageTexts(page);
        expect(texts.length).toBeGreaterThan(0);
        const problems = describeLeaks(`${name} (${lang})`, languageLeaks(texts, lang, files, tour.tour.data));
        // Screen readers pronounce the page by <html lang>.
        const htmlLang = await page.evaluate(() => document.documentElement.lang);
        if (htmlLang !== lang) problems.push(`${name} (${lang}): <html lang="${htmlLang}">`);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});
