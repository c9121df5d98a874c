import { useState } from 'preact/hooks';
import { ApiError, addDays, errorText, siteToday } from '@skranke/web';
import type { TriageApi } from '../common/api';
import { lang, t } from '../common/texts';
import { dayLabel } from '../reports/period';
import { NOTICE_DAYS, type StaffFiguresNotice, noticeState } from '../staff-figures/notice';
import { Field, SaveBar, Section, described, onText, useSave } from './section';
import { type Site, answer } from './types';

const day = (date: string) => dayLabel(lang, date);

/** A refusal with its dates written the page's way ("15. feb. 2027", not 2027-02-15) before errorText fills them in. */
function readableDates(e: unknown): unknown {
  if (!(e instanceof ApiError) || typeof e.details?.earliest !== 'string') return e;
  return new ApiError(e.status, e.code, e.message, { ...e.details, earliest: day(e.details.earliest) });
}

/** What is in force now: off, announced (start ahead, in days) or on, with the purpose staff were told. */
function NoticeNow({ notice, today }: { notice: StaffFiguresNotice | null; today: string }) {
  const state = noticeState(notice, today);
  if (state.kind === 'off')
    return (
      <p data-testid="staff-figures-state" data-state="off">
        {t('staffFigures.state.off')}
      </p>
    );
  const { purpose, startsOn, noticeGivenOn } = state.notice;
  const when =
    state.kind === 'on' ? '' : state.days === 1 ? t('staffFigures.startsTomorrow') : t('staffFigures.startsInDays', { days: state.days });
  return (
    <div data-testid="staff-figures-state" data-state={state.kind}>
      <p>
        <strong>{t(`staffFigures.state.${state.kind}`, { date: day(startsOn), when })}</strong>
      </p>
      <p>
        {t('staffFigures.purpose')}: <span data-testid="staff-figures-purpose">{purpose}</span>
      </p>
      <p class="muted">{t('staffFigures.noticeGivenOn', { date: day(noticeGivenOn) })}</p>
    </div>
  );
}

/**
 * Per-person figures ("Medarbejdertal"), a kontrolforanstaltning: off until an administrator gives notice with a
 * purpose and a start at least six weeks ahead in the site's calendar; switched off at once (after a confirmation).
 * The server decides the rule; the form only guides (the date picker's min) and shows its refusal by code.
 */
export function StaffFiguresSection({ api, site }: { api: TriageApi; site: Site }) {
  const [notice, setNotice] = useState<StaffFiguresNotice | null>(site.settings.staffFigures ?? null);
  const [purpose, setPurpose] = useState(notice?.purpose ?? '');
  const [startsOn, setStartsOn] = useState(notice?.startsOn ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [offText, setOffText] = useState('');
  const save = useSave();
  const path = { siteId: site.id };
  const today = siteToday(site.timezone);
  const earliest = addDays(today, NOTICE_DAYS);
  // A later start under the same purpose keeps the notice given, so the picker allows the current start too.
  const min = notice && notice.startsOn < earliest ? notice.startsOn : earliest;
  const startsHint = t('staffFigures.startsOnHint', { earliest: day(earliest), days: NOTICE_DAYS });

  const give = (ev: Event) => {
    ev.preventDefault();
    const found: Record<string, string> = {};
    const text = purpose.trim();
    if (text.length < 20 || text.length > 500) found['staff-figures-purpose'] = 'invalid.purposeLength';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn)) found['staff-figures-starts-on'] = 'invalid.date';
    setProblems(found);
    setOffText('');
    void save.run(
      async () => {
        const body = { purpose: text, startsOn };
        const saved = await api
          .PUT('/api/v1/sites/{siteId}/staff-figures', { params: { path }, body })
          .then(answer, (e: unknown) => Promise.reject(readableDates(e)));
        setNotice({ purpose: saved.purpose, startsOn: saved.startsOn, noticeGivenOn: saved.noticeGivenOn });
        return t('staffFigures.saved', { date: day(saved.startsOn) });
      },
      () => Object.keys(found).length === 0,
    );
  };

  const switchOff = async () => {
    setConfirming(false);
    try {
      await api.DELETE('/api/v1/sites/{siteId}/staff-figures', { params: { path } });
      setNotice(null);
      setOffText(t('staffFigures.switchedOff'));
    } catch (e) {
      setOffText(errorText(t, e));
    }
  };

  return (
    <Section id="staff-figures" title={t('section.staff-figures')}>
      <p class="explain">{t('staffFigures.adminIntro')}</p>
      <NoticeNow notice={notice} today={today} />
      {notice && (
        <div class="row-actions">
          {confirming ? (
            <>
              <p id="staff-figures-confirm">{t('staffFigures.confirmSwitchOff')}</p>
              <button
                type="button"
                class="danger"
                data-action="confirm-switch-off"
                aria-describedby="staff-figures-confirm"
                onClick={() => void switchOff()}
              >
                {t('staffFigures.confirmSwitchOffYes')}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {t('cancelAction')}
              </button>
            </>
          ) : (
            <button type="button" class="secondary" data-action="switch-off" onClick={() => setConfirming(true)}>
              {t('staffFigures.switchOff')}
            </button>
          )}
        </div>
      )}
      <p class="status" role="status" data-testid="status-staff-figures-off">
        {offText}
      </p>
      <form noValidate onSubmit={give} data-testid="staff-figures-notice">
        <h3>{t(notice ? 'staffFigures.changeNotice' : 'staffFigures.giveNotice')}</h3>
        <div class="fields">
          <Field
            id="staff-figures-purpose"
            label={t('staffFigures.purposeLabel')}
            problem={problems['staff-figures-purpose']}
            hint={t('staffFigures.purposeHint')}
          >
            <textarea
              class="wide"
              name="purpose"
              rows={3}
              maxLength={500}
              {...described('staff-figures-purpose', problems['staff-figures-purpose'], t('staffFigures.purposeHint'))}
              value={purpose}
              onInput={onText(setPurpose)}
            />
          </Field>
          <Field
            id="staff-figures-starts-on"
            label={t('staffFigures.startsOnLabel')}
            problem={problems['staff-figures-starts-on']}
            hint={startsHint}
          >
            <input
              type="date"
              class="date"
              name="startsOn"
              min={min}
              {...described('staff-figures-starts-on', problems['staff-figures-starts-on'], startsHint)}
              value={startsOn}
              onInput={onText(setStartsOn)}
            />
          </Field>
        </div>
        <SaveBar id="staff-figures" state={save.state} label={t(notice ? 'staffFigures.saveNotice' : 'staffFigures.giveNotice')} />
      </form>
    </Section>
  );
}
