import { useState } from 'preact/hooks';
import { lang, t } from '../common/texts';
import { HoursEditor } from './hours-editor';
import { hoursDraft, readHours } from './hours';
import { numberText, readNumber } from './numbers';
import { Field, SaveBar, Section, described, onText, useSave } from './section';
import { type Ordering, type Site, answer } from './types';
import type { TriageApi } from '../common/api';

const POLICIES: Ordering['policy'][] = ['target-aware', 'profile-order', 'fifo'];
type Framing = 'anyone' | 'listed' | 'no-one';

/** The numbers of the site's settings and ordering, each with its range (the server's own limits). */
const NUMBERS = {
  waitWarningPercent: [5, 100, true],
  retentionHours: [0, 720, true],
  noShowMinRecalls: [0, 10, true],
  noShowAfterSeconds: [0, 3600, true],
  pauseAlertMinutes: [0, 240, true],
  earlyMinutes: [0, 240, true],
  lateMinutes: [0, 120, true],
  priorityHeadStartMinutes: [0, 240, false],
  preferenceDecay: [0, 1, false],
  appointmentCallAheadMinutes: [0, 60, false],
} as const;
type NumberKey = keyof typeof NUMBERS;

function draftOf(site: Site) {
  const s = site.settings;
  const n = (v: number | undefined) => numberText(lang, v);
  const ancestors = s.widgetFrameAncestors;
  return {
    name: site.name,
    timezone: site.timezone,
    policy: site.ordering.policy,
    bookingUrl: s.bookingUrl ?? '',
    framing: (ancestors === undefined || ancestors[0] === '*' ? 'anyone' : ancestors.length ? 'listed' : 'no-one') as Framing,
    origins: ancestors && ancestors[0] !== '*' ? ancestors.join('\n') : '',
    numbers: {
      waitWarningPercent: n(Math.round(s.waitWarningShare * 100)),
      retentionHours: n(s.retentionHours),
      noShowMinRecalls: n(s.noShowMinRecalls),
      noShowAfterSeconds: n(s.noShowAfterSeconds),
      pauseAlertMinutes: n(s.pauseAlertMinutes),
      earlyMinutes: n(s.appointmentWindow?.earlyMinutes),
      lateMinutes: n(s.appointmentWindow?.lateMinutes),
      priorityHeadStartMinutes: n(site.ordering.priorityHeadStartMinutes),
      preferenceDecay: n(site.ordering.preferenceDecay),
      appointmentCallAheadMinutes: n(site.ordering.appointmentCallAheadMinutes),
    } as Record<NumberKey, string>,
    hours: hoursDraft(site.openingHours),
    displaySound: s.displaySound ?? 'ask',
    logo: s.branding?.logo ?? '',
    primaryColor: s.branding?.primaryColor ?? '',
  };
}
type Draft = ReturnType<typeof draftOf>;

/** WCAG contrast of white text on #rrggbb: the kiosk's buttons carry white text (the server checks the same). */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** The site: name, time zone, opening hours with dated exceptions, how the line is ordered, and its settings. One save. */
export function SiteSection({ api, site, onSaved }: { api: TriageApi; site: Site; onSaved: (s: Site) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(site));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useSave();
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setNumber = (key: NumberKey) => onText((v) => set({ numbers: { ...draft.numbers, [key]: v } }));

  const submit = (ev: Event) => {
    ev.preventDefault();
    const found: Record<string, string> = {};
    const values = {} as Record<NumberKey, number | null>;
    for (const key of Object.keys(NUMBERS) as NumberKey[]) {
      const [min, max, integer] = NUMBERS[key];
      const optional = key === 'earlyMinutes' || key === 'lateMinutes';
      const v = readNumber(draft.numbers[key], min, max, { integer, optional });
      if (typeof v === 'string') found[key] = v;
      else values[key] = v;
    }
    if ((values.earlyMinutes == null) !== (values.lateMinutes == null)) found[values.earlyMinutes == null ? 'earlyMinutes' : 'lateMinutes'] = 'invalid.bothOrNeither';
    if (!draft.name.trim()) found.name = 'invalid.required';
    if (!draft.timezone.trim()) found.timezone = 'invalid.required';
    const url = draft.bookingUrl.trim();
    if (url && !/^https?:\/\/\S+$/.test(url)) found.bookingUrl = 'invalid.url';
    const origins = draft.origins.split('\n').map((o) => o.trim()).filter(Boolean);
    if (draft.framing === 'listed' && (!origins.length || origins.some((o) => !ORIGIN.test(o)))) found.origins = 'invalid.origins';
    const logo = draft.logo.trim();
    if (logo && !/^https:\/\/\S+$/.test(logo) && !/^data:image\/(svg\+xml|png)[;,]/.test(logo)) found.logo = 'invalid.logo';
    const colour = draft.primaryColor.trim().toLowerCase();
    if (colour && !/^#[0-9a-f]{6}$/.test(colour)) found.primaryColor = 'invalid.colour';
    else if (colour && contrastWithWhite(colour) < 4.5) found.primaryColor = 'invalid.colourContrast';
    const hours = readHours(draft.hours);
    if ('problems' in hours) Object.assign(found, hours.problems);
    setProblems(found);
    void save.run(
      async () => {
        if ('problems' in hours) return;
        const body = {
          name: draft.name.trim(),
          timezone: draft.timezone.trim(),
          openingHours: hours.hours,
          ordering: {
            policy: draft.policy,
            priorityHeadStartMinutes: values.priorityHeadStartMinutes!,
            preferenceDecay: values.preferenceDecay!,
            appointmentCallAheadMinutes: values.appointmentCallAheadMinutes!,
          },
          settings: {
            waitWarningShare: values.waitWarningPercent! / 100,
            retentionHours: values.retentionHours,
            noShowMinRecalls: values.noShowMinRecalls,
            noShowAfterSeconds: values.noShowAfterSeconds,
            pauseAlertMinutes: values.pauseAlertMinutes,
            widgetFrameAncestors: draft.framing === 'anyone' ? ['*'] : draft.framing === 'listed' ? origins : [],
            displaySound: draft.displaySound,
            branding: { ...(logo ? { logo } : {}), ...(colour ? { primaryColor: colour } : {}) },
            ...(url ? { bookingUrl: url } : {}),
            ...(values.earlyMinutes != null ? { appointmentWindow: { earlyMinutes: values.earlyMinutes, lateMinutes: values.lateMinutes } } : {}),
          },
        };
        const saved = answer(await api.PATCH('/api/v1/sites/{siteId}', { params: { path: { siteId: site.id } }, body }));
        onSaved(saved);
      },
      () => Object.keys(found).length === 0,
    );
  };

  const numberField = (key: NumberKey, hint?: string) => (
    <Field id={key} label={t(`setting.${key}`)} problem={problems[key]} hint={hint}>
      <input name={key} inputMode="decimal" {...described(key, problems[key], hint)} value={draft.numbers[key]} onInput={setNumber(key)} />
    </Field>
  );

  return (
    <Section id="site" title={t('site')}>
      <form noValidate onSubmit={submit}>
        <div class="fields">
          <Field id="siteName" label={t('name')} problem={problems.name}>
            <input name="siteName" {...described('siteName', problems.name)} value={draft.name} onInput={onText((name) => set({ name }))} />
          </Field>
          <Field id="timezone" label={t('timezone')} problem={problems.timezone}>
            <input name="timezone" {...described('timezone', problems.timezone)} value={draft.timezone} onInput={onText((timezone) => set({ timezone }))} />
          </Field>
          {site.municipality && (
            <p class="muted">
              {t('municipality')}: {site.municipality}
            </p>
          )}
        </div>
        <HoursEditor draft={draft.hours} set={(hours) => set({ hours })} problems={problems} />

        <h3>{t('ordering')}</h3>
        <div class="fields">
          <Field id="policy" label={t('setting.policy')}>
            <select id="policy" name="policy" value={draft.policy} onChange={(e) => set({ policy: e.currentTarget.value as Ordering['policy'] })}>
              {POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`policy.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          {numberField('priorityHeadStartMinutes')}
          {numberField('preferenceDecay', t('hint.preferenceDecay'))}
          {numberField('appointmentCallAheadMinutes')}
        </div>

        <h3>{t('settings')}</h3>
        <div class="fields">
          {numberField('waitWarningPercent', t('hint.waitWarningPercent'))}
          {numberField('pauseAlertMinutes')}
          {numberField('noShowMinRecalls')}
          {numberField('noShowAfterSeconds')}
          {numberField('retentionHours', t('hint.retentionHours'))}
        </div>
        <h3>{t('appointments')}</h3>
        <div class="fields">
          <Field id="bookingUrl" label={t('setting.bookingUrl')} problem={problems.bookingUrl}>
            <input name="bookingUrl" type="url" {...described('bookingUrl', problems.bookingUrl)} value={draft.bookingUrl} onInput={onText((bookingUrl) => set({ bookingUrl }))} />
          </Field>
          {numberField('earlyMinutes')}
          {numberField('lateMinutes')}
        </div>
        <h3>{t('screens')}</h3>
        <div class="fields">
          <Field id="displaySound" label={t('setting.displaySound')}>
            <select id="displaySound" name="displaySound" value={draft.displaySound} onChange={(e) => set({ displaySound: e.currentTarget.value as 'ask' | 'on' })}>
              <option value="ask">{t('displaySound.ask')}</option>
              <option value="on">{t('displaySound.on')}</option>
            </select>
          </Field>
          <Field id="logo" label={t('setting.logo')} problem={problems.logo} hint={t('hint.logo')}>
            <input name="logo" {...described('logo', problems.logo, t('hint.logo'))} value={draft.logo} onInput={onText((v) => set({ logo: v }))} />
          </Field>
          <Field id="primaryColor" label={t('setting.primaryColor')} problem={problems.primaryColor} hint={t('hint.primaryColor')}>
            <input name="primaryColor" class="short" {...described('primaryColor', problems.primaryColor, t('hint.primaryColor'))} value={draft.primaryColor} onInput={onText((v) => set({ primaryColor: v }))} />
          </Field>
        </div>
        <fieldset class="framing">
          <legend>{t('setting.widgetFrameAncestors')}</legend>
          {(['anyone', 'listed', 'no-one'] as Framing[]).map((f) => (
            <label class="check" key={f}>
              <input type="radio" name="framing" value={f} checked={draft.framing === f} onChange={() => set({ framing: f })} />
              {t(`framing.${f}`)}
            </label>
          ))}
          {draft.framing === 'listed' && (
            <Field id="origins" label={t('setting.origins')} problem={problems.origins} hint={t('hint.origins')}>
              <textarea name="origins" rows={3} {...described('origins', problems.origins, t('hint.origins'))} value={draft.origins} onInput={onText((origins) => set({ origins }))} />
            </Field>
          )}
        </fieldset>
        <SaveBar id="site" state={save.state} label={t('saveSite')} />
      </form>
    </Section>
  );
}
