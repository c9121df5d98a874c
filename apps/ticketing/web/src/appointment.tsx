import 'dkfds/dist/css/dkfds.min.css';
import './booking/booking.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText } from '@skranke/web';
import { type ManagedBooking, type SiteBooking, type Slot, type SlotDay, api, calendarPath, isCode, isStatus } from './booking/api';
import { useFreeDays } from './booking/free-days';
import { BackButton, ErrorAlert, Facts, InfoAlert, PageFrame, StepHeading } from './booking/layout';
import { DayStep, TimeStep } from './booking/slot-steps';
import { type Texts, dayText, requestedLanguage, serviceName, textsFor, whenText, withLang } from './booking/texts';

/**
 * The manage page, /appointment/<manageToken>: the booking (service, time,
 * code, status), moving it to another free time (the code stays) and
 * cancelling it, without a login. After the service's cut-off the page says
 * to call instead. Language: ?lang=, else the booking's own.
 */
type Step = 'view' | 'day' | 'time' | 'confirm-move' | 'confirm-cancel';

const manageToken = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const path = { params: { path: { manageToken } } };

function ManagePage() {
  const [lang, setLang] = useState<string | null>(new URLSearchParams(location.search).get('lang') ? requestedLanguage() : null);
  const [booking, setBooking] = useState<ManagedBooking | null>(null);
  const [rules, setRules] = useState<{ serviceId: string; maxDaysAhead: number } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>('view');
  const [day, setDay] = useState<SlotDay | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [taken, setTaken] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const shownLang = lang ?? requestedLanguage(booking?.language);
  const x = textsFor(shownLang, booking?.site.timezone ?? 'Europe/Copenhagen');
  const slug = booking?.site.slug ?? '';
  const free = useFreeDays(slug, step === 'view' || step === 'confirm-cancel' ? null : rules, x.timeZone);

  useEffect(() => {
    api.GET('/api/v1/public/appointments/{manageToken}', path).then(
      (res) => setBooking(res.data!),
      (err: unknown) => setLoadError(err),
    );
  }, []);

  useEffect(() => {
    document.title = x.t('manage.title');
  }, [shownLang]);

  // Moving needs the service's horizon: the site's booking rules say it.
  const startMove = async () => {
    if (!booking) return;
    setActionError(null);
    setDone(null);
    if (!rules) {
      try {
        const info: SiteBooking = (await api.GET('/api/v1/public/sites/{slug}/booking', { params: { path: { slug: booking.site.slug } } }))
          .data!;
        const service = info.services.find((s) => s.serviceId === booking.serviceId);
        if (!service) {
          setActionError(new ApiError(422, 'service_not_bookable', 'The service cannot be booked.'));
          return;
        }
        setRules({ serviceId: service.serviceId, maxDaysAhead: service.maxDaysAhead });
      } catch (err) {
        setActionError(err);
        return;
      }
    }
    setStep('day');
  };

  const act = async (what: 'move' | 'cancel') => {
    if (!booking || busy) return;
    setBusy(true);
    setActionError(null);
    setStatus(x.t(what === 'move' ? 'manage.moving' : 'manage.cancelling'));
    try {
      const res =
        what === 'move'
          ? await api.POST('/api/v1/public/appointments/{manageToken}/move', { ...path, body: { startsAt: slot!.startsAt } })
          : await api.POST('/api/v1/public/appointments/{manageToken}/cancel', path);
      setBooking(res.data!);
      setDone(x.t(what === 'move' ? 'manage.moved' : 'manage.cancelDone'));
      setStatus('');
      setStep('view');
    } catch (err) {
      setStatus('');
      if (isCode(err, 'slot_taken') && day) {
        const now = await free.reloadDay(day.date).catch(() => null);
        setTaken(true);
        setSlot(null);
        setDay(now);
        setStep(now ? 'time' : 'day');
      } else if (isCode(err, 'cutoff_passed') || isCode(err, 'appointment_not_booked')) {
        // The booking changed under the page (the cut-off passed, staff cancelled): show it as it is now.
        const now = await api.GET('/api/v1/public/appointments/{manageToken}', path).catch(() => null);
        if (now?.data) setBooking(now.data);
        setActionError(err);
        setStep('view');
      } else setActionError(err);
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (loadError) body = <ErrorAlert x={x} text={isStatus(loadError, 404) ? x.t('manage.notFound') : errorText(x.t, loadError)} />;
  else if (!booking) body = <p class="booking-loading">{x.t('booking.loading')}</p>;
  else if (step === 'view')
    body = (
      <Overview
        x={x}
        booking={booking}
        done={done}
        error={actionError}
        onMove={() => void startMove()}
        onCancel={() => (setDone(null), setActionError(null), setStep('confirm-cancel'))}
      />
    );
  else if (step === 'confirm-cancel')
    body = (
      <section aria-labelledby="step-cancel">
        <BackButton x={x} onClick={() => setStep('view')} />
        <StepHeading step="confirm-cancel" id="step-cancel">
          {x.t('manage.cancelTitle')}
        </StepHeading>
        {actionError ? <ErrorAlert x={x} error={actionError} /> : null}
        <p class="font-lead">{x.t('manage.cancelQuestion', { when: whenText(x, booking.startsAt) })}</p>
        <div class="button-row">
          <button
            type="button"
            class="button button-primary confirm-cancel"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void act('cancel')}
          >
            {busy ? x.t('manage.cancelling') : x.t('manage.cancelConfirm')}
          </button>
          <button type="button" class="button button-secondary" onClick={() => setStep('view')}>
            {x.t('manage.cancelKeep')}
          </button>
        </div>
      </section>
    );
  else if (step === 'day' || (step === 'time' && !day))
    body = (
      <DayStep
        x={x}
        free={free}
        onBack={() => setStep('view')}
        onDay={(d) => {
          setDay(d);
          setTaken(false);
          setStatus(x.t('booking.timesShown', { count: d.slots.length, date: dayText(x, d.date) }));
          setStep('time');
        }}
        intro={
          <>
            <p class="font-lead">{x.t('manage.moveTitle')}</p>
            {taken ? <ErrorAlert x={x} text={x.t('booking.slotTaken')} /> : null}
          </>
        }
      />
    );
  else if (step === 'time' && day)
    body = (
      <TimeStep
        x={x}
        day={day}
        onBack={() => setStep('day')}
        onTime={(s) => {
          setSlot(s);
          setTaken(false);
          setActionError(null);
          setStep('confirm-move');
        }}
        notice={taken ? <ErrorAlert x={x} text={x.t('booking.slotTaken')} /> : null}
      />
    );
  else if (step === 'confirm-move' && slot)
    body = (
      <section aria-labelledby="step-move">
        <BackButton x={x} onClick={() => setStep('time')} />
        <StepHeading step="confirm-move" id="step-move">
          {x.t('manage.moveConfirmTitle')}
        </StepHeading>
        {actionError ? <ErrorAlert x={x} error={actionError} /> : null}
        <Facts
          rows={[
            [x.t('booking.service'), serviceName(x, booking.serviceNames)],
            [x.t('manage.moveFrom'), whenText(x, booking.startsAt)],
            [x.t('manage.moveTo'), whenText(x, slot.startsAt)],
          ]}
        />
        <button
          type="button"
          class="button button-primary confirm-move"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void act('move')}
        >
          {busy ? x.t('manage.moving') : x.t('manage.moveConfirm')}
        </button>
      </section>
    );

  return (
    <PageFrame x={x} siteName={booking?.site.name ?? ''} status={status} onLanguage={setLang}>
      {body}
    </PageFrame>
  );
}

/** The booking as it is, and what the citizen can still do with it. */
function Overview(props: {
  x: Texts;
  booking: ManagedBooking;
  done: string | null;
  error: unknown;
  onMove: () => void;
  onCancel: () => void;
}) {
  const { x, booking: b } = props;
  const { t } = x;
  const booked = b.status === 'booked';
  return (
    <section aria-labelledby="step-view">
      <StepHeading step="view" id="step-view">
        {t('manage.title')}
      </StepHeading>
      {props.done ? <InfoAlert variant="success">{props.done}</InfoAlert> : null}
      {props.error ? <ErrorAlert x={x} error={props.error} /> : null}
      <Facts
        rows={[
          [
            t('booking.code'),
            <span class="booking-code booking-code--small" data-booking-code>
              {b.bookingCode}
            </span>,
          ],
          [t('booking.service'), serviceName(x, b.serviceNames)],
          [t('booking.time'), <span data-starts-at={b.startsAt}>{whenText(x, b.startsAt)}</span>],
          [t('booking.place'), b.site.name],
          [t('booking.status'), <span data-status={b.status}>{t(`manage.status.${b.status}`)}</span>],
        ]}
      />
      {booked && b.changeable ? (
        <div class="button-row">
          <button type="button" class="button button-primary move-button" onClick={props.onMove}>
            {t('manage.move')}
          </button>
          <button type="button" class="button button-secondary cancel-button" onClick={props.onCancel}>
            {t('manage.cancel')}
          </button>
        </div>
      ) : booked ? (
        <InfoAlert variant="warning">{t('manage.tooLate')}</InfoAlert>
      ) : b.status === 'cancelled' ? (
        <>
          {/* Just cancelled here: the success message already says so. */}
          {props.done ? null : <InfoAlert>{t('manage.cancelled')}</InfoAlert>}
          <p>
            <a class="book-again" href={withLang(`/book/${encodeURIComponent(b.site.slug)}`, x.lang)}>
              {t('manage.bookNew')}
            </a>
          </p>
        </>
      ) : (
        <InfoAlert>{t('manage.over')}</InfoAlert>
      )}
      {booked ? (
        <p>
          <a class="calendar-link" href={calendarPath(manageToken, x.lang)}>
            {t('book.calendar')}
          </a>
        </p>
      ) : null}
    </section>
  );
}

render(<ManagePage />, document.getElementById('app')!);
