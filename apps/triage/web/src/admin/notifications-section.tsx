import { useEffect, useState } from 'preact/hooks';
import type { TicketingSchemas } from '@skranke/web';
import type { TicketingApi } from '../common/api';
import { t } from '../common/texts';
import { CellProblem, Field, SaveBar, Section, described, onText, useSave } from './section';
import { answer } from './types';

const CHANNELS = ['email', 'sms', 'push'] as const;
type Channel = (typeof CHANNELS)[number];
const KINDS = ['booking-confirmation', 'booking-reminder', 'booking-moved', 'booking-cancelled', 'turn-near', 'turn-called', 'survey'] as const;
type Kind = (typeof KINDS)[number];
const LANGUAGES = ['da', 'en', 'de'] as const;
type Language = (typeof LANGUAGES)[number];
const PARTS = ['sms', 'subject', 'text'] as const;
type Part = (typeof PARTS)[number];
type Templates = Partial<Record<Kind, Partial<Record<Language, Partial<Record<Part, string>>>>>>;

/** The server's allow-list per kind (libs/domain/src/notify/templates.ts KIND_PLACEHOLDERS); the server refuses any other. */
const BOOKING = ['code', 'service', 'time', 'site', 'manageUrl'];
const PLACEHOLDERS: Record<Kind, string[]> = {
  'booking-confirmation': BOOKING,
  'booking-reminder': BOOKING,
  'booking-moved': BOOKING,
  'booking-cancelled': ['code', 'service', 'time', 'site'],
  'turn-near': ['number', 'service', 'site'],
  'turn-called': ['number', 'service', 'site', 'counter'],
  survey: ['number', 'site', 'surveyUrl'],
};

type Settings = TicketingSchemas['schemas']['NotificationSettingsSchema'];
type SettingsChange = TicketingSchemas['schemas']['UpdateNotificationSettingsDto'];
interface Draft {
  channels: Record<Channel, boolean>;
  offsets: string;
  quietFrom: string;
  quietTo: string;
  turnNear: string;
  smsPerDay: string;
  survey: boolean;
  templates: Templates;
}
const draftOf = (s: Settings): Draft => ({
  channels: { ...s.channels },
  offsets: s.reminderOffsetsMinutes.join(', '),
  quietFrom: s.quietHours.from,
  quietTo: s.quietHours.to,
  turnNear: String(s.turnNearMinutes),
  smsPerDay: String(s.smsPerNumberPerDay),
  survey: s.survey,
  templates: s.templates ?? {},
});

const wholeNumber = (v: string, min: number, max: number): number | string => {
  if (!/^\s*\d+\s*$/.test(v)) return 'invalid.wholeNumber';
  const n = Number(v);
  return n < min || n > max ? 'invalid.range' : n;
};

/**
 * Messages to citizens (issue 20): which channels the site uses (only those
 * the operator configured), reminder offsets, quiet hours, "turn near"
 * minutes, SMS per number per day, the survey, and each message's texts per
 * kind and language (an override of the built-in text). Saved on the
 * ticketing app, which checks each SMS text fits 160 GSM-7 characters.
 */
export function NotificationsSection({ api, siteId }: { api: TicketingApi; siteId: string }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [kind, setKind] = useState<Kind>('booking-confirmation');
  const [language, setLanguage] = useState<Language>('da');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [loadFailed, setLoadFailed] = useState(false);
  const save = useSave();
  const path = { siteId };
  useEffect(() => {
    api.GET('/api/v1/sites/{siteId}/notification-settings', { params: { path } }).then(
      (r) => {
        const s = answer(r);
        setSettings(s);
        setDraft(draftOf(s));
      },
      () => setLoadFailed(true),
    );
  }, [siteId]);
  if (!settings || !draft)
    return (
      <Section id="notifications" title={t('section.notifications')}>
        {loadFailed ? <p class="error">{t('notify.loadFailed')}</p> : null}
      </Section>
    );

  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const offered = CHANNELS.filter((c) => settings.configured[c]);
  const templateValue = (part: Part) => draft.templates[kind]?.[language]?.[part] ?? settings.defaultTemplates[kind]?.[language]?.[part] ?? '';
  const setTemplate = (part: Part, value: string) => {
    const parts = { ...(draft.templates[kind]?.[language] ?? {}) };
    if (value === settings.defaultTemplates[kind]?.[language]?.[part]) delete parts[part];
    else parts[part] = value;
    set({ templates: { ...draft.templates, [kind]: { ...(draft.templates[kind] ?? {}), [language]: parts } } });
  };

  const submit = (ev: Event) => {
    ev.preventDefault();
    const found: Record<string, string> = {};
    const offsets = draft.offsets
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => wholeNumber(s, 10, 20160));
    const offsetProblem = offsets.find((o) => typeof o === 'string');
    if (offsetProblem) found['notify-offsets'] = offsetProblem as string;
    else if (offsets.length > 5) found['notify-offsets'] = 'invalid.tooMany';
    else if (new Set(offsets).size !== offsets.length) found['notify-offsets'] = 'invalid.duplicateEntry';
    const turnNear = wholeNumber(draft.turnNear, 1, 120);
    if (typeof turnNear === 'string') found['notify-turn-near'] = turnNear;
    const smsPerDay = wholeNumber(draft.smsPerDay, 1, 50);
    if (typeof smsPerDay === 'string') found['notify-sms-per-day'] = smsPerDay;
    if (!draft.quietFrom) found['notify-quiet-from'] = 'invalid.required';
    if (!draft.quietTo) found['notify-quiet-to'] = 'invalid.required';
    setProblems(found);
    const ok = Object.keys(found).length === 0;
    void save.run(async () => {
      // Empty language or kind entries are left out: the server keeps only real overrides.
      const templates: Templates = {};
      for (const [k, langs] of Object.entries(draft.templates)) {
        for (const [l, parts] of Object.entries(langs ?? {})) {
          if (parts && Object.keys(parts).length) ((templates[k as Kind] ??= {})[l as Language] = parts);
        }
      }
      const body: SettingsChange = {
        channels: Object.fromEntries(offered.map((c) => [c, draft.channels[c]])),
        reminderOffsetsMinutes: offsets as number[],
        quietHours: { from: draft.quietFrom, to: draft.quietTo },
        turnNearMinutes: turnNear as number,
        smsPerNumberPerDay: smsPerDay as number,
        survey: draft.survey,
        templates,
      };
      const saved = answer(await api.PUT('/api/v1/sites/{siteId}/notification-settings', { params: { path }, body }));
      setSettings(saved);
      setDraft(draftOf(saved));
    }, () => ok);
  };

  const numberField = (id: string, label: string, value: string, onInput: (e: Event) => void, hint?: string) => (
    <Field id={id} label={label} problem={problems[id]} hint={hint}>
      <input name={id} inputMode="numeric" {...described(id, problems[id], hint)} value={value} onInput={onInput} />
    </Field>
  );
  const templateId = (part: Part) => `notify-template-${part}`;

  return (
    <Section id="notifications" title={t('section.notifications')}>
      <form noValidate onSubmit={submit}>
        <fieldset>
          <legend>{t('notify.channels')}</legend>
          {offered.length === 0 && <p class="muted">{t('notify.noChannels')}</p>}
          {offered.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" name={`channel-${c}`} checked={draft.channels[c]} onChange={(e) => set({ channels: { ...draft.channels, [c]: (e.currentTarget as HTMLInputElement).checked } })} />{' '}
              {t(`notify.channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('notify.timing')}</legend>
          {numberField('notify-offsets', t('notify.offsets'), draft.offsets, onText((offsets) => set({ offsets })), t('notify.offsetsHint'))}
          <div class="field">
            <label for="notify-quiet-from">{t('notify.quietFrom')}</label>
            <input type="time" name="quietFrom" {...described('notify-quiet-from', problems['notify-quiet-from'])} value={draft.quietFrom} onInput={onText((quietFrom) => set({ quietFrom }))} />
            <CellProblem id="notify-quiet-from-problem" problem={problems['notify-quiet-from']} />
          </div>
          <div class="field">
            <label for="notify-quiet-to">{t('notify.quietTo')}</label>
            <input type="time" name="quietTo" {...described('notify-quiet-to', problems['notify-quiet-to'])} value={draft.quietTo} onInput={onText((quietTo) => set({ quietTo }))} />
            <CellProblem id="notify-quiet-to-problem" problem={problems['notify-quiet-to']} />
          </div>
          {numberField('notify-turn-near', t('notify.turnNear'), draft.turnNear, onText((turnNear) => set({ turnNear })))}
          {numberField('notify-sms-per-day', t('notify.smsPerDay'), draft.smsPerDay, onText((smsPerDay) => set({ smsPerDay })))}
          <label class="check">
            <input type="checkbox" name="survey" checked={draft.survey} onChange={(e) => set({ survey: (e.currentTarget as HTMLInputElement).checked })} /> {t('notify.survey')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('notify.templates')}</legend>
          <p class="muted">{t('notify.templatesHelp')}</p>
          <div class="field">
            <label for="notify-kind">{t('notify.kind')}</label>
            <select id="notify-kind" name="kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`notify.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="notify-language">{t('notify.language')}</label>
            <select id="notify-language" name="language" value={language} onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`notify.language.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <p class="muted" id="notify-placeholders" data-testid="notify-placeholders">
            {t('notify.placeholders')}{' '}
            {PLACEHOLDERS[kind].map((p, i) => (
              <span key={p}>
                {i > 0 && ', '}
                <code data-literal>{`{${p}}`}</code>
              </span>
            ))}
          </p>
          {PARTS.map((part) => {
            const id = templateId(part);
            const value = templateValue(part);
            return (
              <div class="field" key={`${kind}-${language}-${part}`}>
                <label for={id}>{t(`notify.part.${part}`)}</label>
                {part === 'text' ? (
                  <textarea id={id} name={id} rows={6} aria-describedby="notify-placeholders" value={value} onInput={onText((v) => setTemplate(part, v))} />
                ) : (
                  <input id={id} name={id} aria-describedby="notify-placeholders" value={value} onInput={onText((v) => setTemplate(part, v))} />
                )}
              </div>
            );
          })}
        </fieldset>
        <SaveBar id="notifications" state={save.state} label={t('saveNotifications')} />
      </form>
    </Section>
  );
}
