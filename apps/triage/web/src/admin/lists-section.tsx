import { useState } from 'preact/hooks';
import { t } from '../common/texts';
import type { TriageApi } from '../common/api';
import { CellProblem, SaveBar, Section, described, onText, useSave } from './section';
import { type Site, answer } from './types';

type ListName = 'topics' | 'referralTargets' | 'flags';
const LISTS: ListName[] = ['topics', 'referralTargets', 'flags'];
const LANGS = ['da', 'en', 'de'] as const;
type Item = Site['settings']['topics'][number];
interface Row {
  id: number;
  key: string;
  saved: boolean;
  da: string;
  en: string;
  de: string;
}

let made = 0;
const rowOf = (i: Item): Row => ({ id: ++made, key: i.key, saved: true, ...i.labels });
/** A new entry's key from its Danish label: "Sundhedskort" → "sundhedskort". */
const keyOf = (label: string) =>
  label.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * The site's topic, referral-target and flag lists: each entry a stable key
 * (kept on encounters and tickets) with its label in Danish, English and
 * German. Add, edit, reorder, remove; one save for the three lists.
 */
export function ListsSection({ api, site, onSaved }: { api: TriageApi; site: Site; onSaved: (s: Site) => void }) {
  const [lists, setLists] = useState<Record<ListName, Row[]>>(() => Object.fromEntries(LISTS.map((l) => [l, site.settings[l].map(rowOf)])) as Record<ListName, Row[]>);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useSave();
  const setList = (l: ListName, rows: Row[]) => setLists({ ...lists, [l]: rows });
  const update = (l: ListName, id: number, change: Partial<Row>) => setList(l, lists[l].map((r) => (r.id === id ? { ...r, ...change } : r)));
  const move = (l: ListName, i: number, by: -1 | 1) => {
    const next = [...lists[l]];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setList(l, next);
  };

  const submit = (ev: Event) => {
    ev.preventDefault();
    const found: Record<string, string> = {};
    const settings: Record<string, unknown> = Object.fromEntries(
      LISTS.map((l) => {
        const keys = new Set<string>();
        const items = lists[l].map((r) => {
          const key = r.saved ? r.key : keyOf(r.da);
          if (!r.da.trim()) found[`${r.id}-da`] = 'invalid.required';
          if (!found[`${r.id}-da`] && (!key || keys.has(key))) found[`${r.id}-da`] = 'invalid.duplicateEntry';
          keys.add(key);
          // English and German may be left empty: the Danish label stands in.
          return { key, labels: { da: r.da.trim(), en: r.en.trim() || r.da.trim(), de: r.de.trim() || r.da.trim() } };
        });
        if (items.length > 50) found[l] = 'invalid.tooMany';
        return [l, items];
      }),
    );
    setProblems(found);
    void save.run(
      async () => {
        const saved = answer(await api.PATCH('/api/v1/sites/{siteId}', { params: { path: { siteId: site.id } }, body: { settings } }));
        onSaved(saved);
        setLists(Object.fromEntries(LISTS.map((l) => [l, saved.settings[l].map(rowOf)])) as Record<ListName, Row[]>);
      },
      () => Object.keys(found).length === 0,
    );
  };

  return (
    <Section id="lists" title={t('lists')}>
      <p class="muted">{t('listsHelp')}</p>
      <form noValidate onSubmit={submit}>
        {LISTS.map((l) => (
          <fieldset key={l} class="list-editor" data-list={l}>
            <legend>{t(`list.${l}`)}</legend>
            <CellProblem id={`${l}-problem`} problem={problems[l]} />
            <ol class="editor-rows">
              {lists[l].map((r, i) => (
                <li key={r.id} class="list-row" data-entry={r.key || r.da}>
                  {LANGS.map((lang) => {
                    const id = `${l}-${r.id}-${lang}`;
                    const problem = problems[`${r.id}-${lang}`];
                    return (
                      <div class="field" key={lang}>
                        <label for={id}>{t(`label.${lang}`)}</label>
                        <input name={`label-${lang}`} maxLength={80} {...described(id, problem)} value={r[lang]} onInput={onText((v) => update(l, r.id, { [lang]: v }))} />
                        <CellProblem id={`${id}-problem`} problem={problem} />
                      </div>
                    );
                  })}
                  <span class="profile-actions">
                    <button type="button" class="secondary" aria-label={t('moveUpNamed', { service: r.da })} disabled={i === 0} onClick={() => move(l, i, -1)}>
                      ↑
                    </button>
                    <button type="button" class="secondary" aria-label={t('moveDownNamed', { service: r.da })} disabled={i === lists[l].length - 1} onClick={() => move(l, i, 1)}>
                      ↓
                    </button>
                    <button type="button" class="secondary" aria-label={t('removeNamed', { name: r.da })} onClick={() => setList(l, lists[l].filter((x) => x.id !== r.id))}>
                      ✕
                    </button>
                  </span>
                </li>
              ))}
            </ol>
            <button type="button" class="secondary" data-action="add-entry" onClick={() => setList(l, [...lists[l], { id: ++made, key: '', saved: false, da: '', en: '', de: '' }])}>
              {t(`addTo.${l}`)}
            </button>
          </fieldset>
        ))}
        <SaveBar id="lists" state={save.state} label={t('saveLists')} />
      </form>
    </Section>
  );
}
