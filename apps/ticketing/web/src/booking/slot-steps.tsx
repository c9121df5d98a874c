import type { ComponentChildren } from 'preact';
import type { Slot, SlotDay } from './api';
import type { FreeDays } from './free-days';
import { BackButton, ErrorAlert, StepHeading } from './layout';
import { type Texts, clockText, dayText, whenText } from './texts';

/**
 * Choosing a day: one real button per day with free times, each saying the
 * whole date and how many times are free (no grid-only calendar), then a
 * button for later days while the service's horizon goes further.
 */
export function DayStep(props: { x: Texts; free: FreeDays; onDay: (day: SlotDay) => void; onBack: () => void; intro?: ComponentChildren }) {
  const { x, free } = props;
  const { t } = x;
  return (
    <section aria-labelledby="step-day">
      <BackButton x={x} onClick={props.onBack} />
      <StepHeading step="day" id="step-day">
        {t('booking.chooseDay')}
      </StepHeading>
      {props.intro}
      {free.error ? <ErrorAlert x={x} error={free.error} /> : null}
      {free.days.length ? (
        <ul class="nobullet-list day-list">
          {free.days.map((d) => (
            <li key={d.date}>
              <button type="button" class="button button-secondary day-button" data-date={d.date} onClick={() => props.onDay(d)}>
                <span class="day-name">{dayText(x, d.date)}</span>
                <span class="day-count">
                  {d.slots.length === 1 ? t('booking.freeTimesOne') : t('booking.freeTimes', { count: d.slots.length })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!free.loading && free.complete && !free.days.length ? <p class="font-lead">{t('booking.noDays')}</p> : null}
      {!free.loading && !free.complete && !free.days.length && free.until ? (
        <p>{t('booking.noDaysYet', { date: dayText(x, free.until) })}</p>
      ) : null}
      {free.loading ? <p class="booking-loading">{t('booking.loading')}</p> : null}
      {!free.loading && !free.complete && free.until ? (
        <button type="button" class="button button-tertiary" onClick={() => void free.more()}>
          {t('booking.moreDays')}
        </button>
      ) : null}
    </section>
  );
}

/**
 * Choosing a time on the chosen day: one button per free time, showing the
 * clock at the site and named with the whole date and time for a screen
 * reader. Where the autumn hour repeats, the two times also show their offset.
 */
export function TimeStep(props: { x: Texts; day: SlotDay; onTime: (slot: Slot) => void; onBack: () => void; notice?: ComponentChildren }) {
  const { x, day } = props;
  const clocks = day.slots.map((s) => clockText(x, s.startsAt));
  const repeated = (i: number) => clocks.indexOf(clocks[i]) !== clocks.lastIndexOf(clocks[i]);
  const withOffset = (text: string, s: Slot, i: number) => (repeated(i) ? `${text} (${offsetText(x, s.startsAt)})` : text);
  return (
    <section aria-labelledby="step-time">
      <BackButton x={x} onClick={props.onBack} />
      <StepHeading step="time" id="step-time">
        {x.t('booking.chooseTime', { date: dayText(x, day.date) })}
      </StepHeading>
      {props.notice}
      <ul class="nobullet-list slot-list">
        {day.slots.map((s, i) => (
          <li key={s.startsAt}>
            <button
              type="button"
              class="button button-secondary slot-button"
              data-starts-at={s.startsAt}
              aria-label={withOffset(whenText(x, s.startsAt), s, i)}
              onClick={() => props.onTime(s)}
            >
              {withOffset(clocks[i], s, i)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "GMT+2" for the repeated autumn hour: the one thing that tells 02.30 from 02.30. */
function offsetText(x: Texts, iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: x.timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}
