import 'dkfds/dist/css/dkfds.min.css';
import './booking/booking.css';
import { type ComponentChildren, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type BookableService,
  type Booking,
  type Contact,
  type SiteBooking,
  type Slot,
  type SlotDay,
  api,
  isCode,
  isStatus,
  newIdempotencyKey,
} from './booking/api';
import { type ContactChoice, ContactStep, DoneStep, ServiceStep } from './booking/book-steps';
import { useFreeDays } from './booking/free-days';
import { ErrorAlert, PageFrame } from './booking/layout';
import { DayStep, TimeStep } from './booking/slot-steps';
import { dayText, requestedLanguage, serviceName, textsFor } from './booking/texts';

/**
 * The citizen's booking page, /book/<site slug>?lang=da|en|de: service, day,
 * time, an optional reminder contact, then the booking code. No login, and
 * nothing asked beyond a service, a time and at most a phone or e-mail.
 */
type Step = 'service' | 'day' | 'time' | 'contact' | 'done';

const slug = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

function BookPage() {
  const [lang, setLang] = useState(requestedLanguage());
  const [info, setInfo] = useState<SiteBooking | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>('service');
  const [service, setService] = useState<BookableService | null>(null);
  const [day, setDay] = useState<SlotDay | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [choice, setChoice] = useState<ContactChoice>({ reminder: 'none', phone: '', email: '' });
  const [submitting, setSubmitting] = useState(false);
  const [bookError, setBookError] = useState<unknown>(null);
  const [taken, setTaken] = useState(false);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [status, setStatus] = useState('');
  // One key per booking attempt: a double tap or a retry of the same choice books once; a new choice is a new attempt.
  const idempotencyKey = useRef(newIdempotencyKey());
  const x = textsFor(lang, info?.site.timezone ?? 'Europe/Copenhagen');
  const free = useFreeDays(slug, service, x.timeZone);

  useEffect(() => {
    api.GET('/api/v1/public/sites/{slug}/booking', { params: { path: { slug } } }).then(
      (res) => setInfo(res.data!),
      (err: unknown) => setLoadError(err),
    );
  }, []);

  useEffect(() => {
    document.title = info ? `${x.t('book.title')} – ${info.site.name}` : x.t('book.title');
  }, [lang, info]);

  // What changed, for a screen reader: the free days found, the times of the chosen day.
  useEffect(() => {
    if (step === 'day' && !free.loading && free.until) setStatus(x.t('booking.daysShown', { date: dayText(x, free.until) }));
  }, [step, free.loading, free.until, lang]);

  const newAttempt = () => (idempotencyKey.current = newIdempotencyKey());

  const book = async (contact: Contact | undefined) => {
    if (!service || !slot || submitting) return;
    setSubmitting(true);
    setBookError(null);
    setStatus(x.t('book.booking'));
    try {
      const res = await api.POST('/api/v1/public/sites/{slug}/appointments', {
        params: { path: { slug }, header: { 'Idempotency-Key': idempotencyKey.current } },
        body: {
          serviceId: service.serviceId,
          startsAt: slot.startsAt,
          ...(contact ? { contact } : {}),
          language: lang as 'da' | 'en' | 'de',
        },
      });
      setBooking(res.data!);
      setStatus('');
      setStep('done');
    } catch (err) {
      setStatus('');
      if (isCode(err, 'slot_taken') && day) {
        // Someone else was quicker: the time list was out of date. Show it again as it is now.
        newAttempt();
        const now = await free.reloadDay(day.date).catch(() => null);
        setTaken(true);
        setSlot(null);
        if (now) {
          setDay(now);
          setStep('time');
        } else {
          setDay(null);
          setStep('day');
        }
      } else {
        // A refusal that a new try cannot change (422, 400) or a limit (429): the same choice keeps its key.
        if (!isStatus(err, 0) && !isStatus(err, 429)) newAttempt();
        setBookError(err);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const chooseService = (s: BookableService) => {
    setService(s);
    setTaken(false);
    setStep('day');
  };
  const chooseDay = (d: SlotDay) => {
    setDay(d);
    setTaken(false);
    setStatus(x.t('booking.timesShown', { count: d.slots.length, date: dayText(x, d.date) }));
    setStep('time');
  };
  const chooseTime = (s: Slot) => {
    setSlot(s);
    setTaken(false);
    setBookError(null);
    newAttempt();
    setStep('contact');
  };
  const startOver = () => {
    setService(null);
    setDay(null);
    setSlot(null);
    setBooking(null);
    setChoice({ reminder: 'none', phone: '', email: '' });
    newAttempt();
    setStep('service');
  };

  const takenNotice = taken ? <ErrorAlert x={x} text={x.t('booking.slotTaken')} /> : null;
  let body;
  if (loadError) body = <ErrorAlert x={x} text={isStatus(loadError, 404) ? x.t('book.notFound') : undefined} error={loadError} />;
  else if (!info) body = <p class="booking-loading">{x.t('booking.loading')}</p>;
  else if (step === 'service' || !service) body = <ServiceStep x={x} services={info.services} onService={chooseService} />;
  else if (step === 'day' || (step === 'time' && !day))
    body = (
      <DayStep
        x={x}
        free={free}
        onDay={chooseDay}
        onBack={() => setStep('service')}
        intro={<ChosenService name={serviceName(x, service.names)} notice={takenNotice} />}
      />
    );
  else if (step === 'time' && day)
    body = <TimeStep x={x} day={day} onTime={chooseTime} onBack={() => setStep('day')} notice={takenNotice} />;
  else if (step === 'contact' && slot)
    body = (
      <ContactStep
        x={x}
        service={service}
        slot={slot}
        choice={choice}
        channels={info.contactChannels}
        onChoice={(c) => {
          if (c.reminder !== choice.reminder || c.phone !== choice.phone || c.email !== choice.email) newAttempt();
          setBookError(null);
          setChoice(c);
        }}
        submitting={submitting}
        error={bookError}
        onBook={(c) => void book(c)}
        onBack={() => setStep('time')}
      />
    );
  else if (step === 'done' && booking) body = <DoneStep x={x} service={service} booking={booking} onAnother={startOver} />;

  return (
    <PageFrame x={x} siteName={info?.site.name ?? ''} status={status} onLanguage={setLang}>
      {body}
    </PageFrame>
  );
}

const ChosenService = ({ name, notice }: { name: string; notice: ComponentChildren }) => (
  <>
    <p class="font-lead chosen-service">{name}</p>
    {notice}
  </>
);

render(<BookPage />, document.getElementById('app')!);
