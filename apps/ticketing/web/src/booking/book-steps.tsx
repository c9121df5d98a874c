import { useRef, useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import { type BookableService, type Booking, type Contact, type Slot, calendarPath, managePath } from './api';
import { type Reminder, contactFor } from './contact';
import { Icon } from './icon';
import { BackButton, ErrorAlert, Facts, InfoAlert, StepHeading } from './layout';
import { type Texts, serviceName, whenText, withLang } from './texts';

/** The first step: the site's bookable services, one button each, with how long a visit takes. */
export function ServiceStep({
  x,
  services,
  onService,
}: {
  x: Texts;
  services: BookableService[];
  onService: (s: BookableService) => void;
}) {
  const { t } = x;
  return (
    <section aria-labelledby="step-service">
      <StepHeading step="service" id="step-service">
        {t('book.title')}
      </StepHeading>
      <p class="font-lead">{t('book.intro')}</p>
      {services.length ? (
        <>
          <h2 class="h3">{t('book.chooseService')}</h2>
          <ul class="nobullet-list service-list">
            {services.map((s) => (
              <li key={s.serviceId}>
                <button
                  type="button"
                  class="button button-secondary service-button"
                  data-service-id={s.serviceId}
                  onClick={() => onService(s)}
                >
                  <span class="service-name">{serviceName(x, s.names)}</span>
                  <span class="service-minutes">{t('book.serviceMinutes', { minutes: s.minutes })}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <InfoAlert>{t('book.noServices')}</InfoAlert>
      )}
    </section>
  );
}

export interface ContactChoice {
  reminder: Reminder;
  phone: string;
  email: string;
}

/**
 * What is being booked, an optional reminder by SMS or e-mail (at most one
 * contact, checked as the server checks it), and the button that books.
 * A refusal of the field is shown at the field and in DKFDS's error summary.
 */
export function ContactStep(props: {
  x: Texts;
  service: BookableService;
  slot: Slot;
  choice: ContactChoice;
  onChoice: (c: ContactChoice) => void;
  /** The reminder channels the site offers (configured and on); none: no reminder is asked for. */
  channels: ('sms' | 'email')[];
  submitting: boolean;
  error: unknown;
  onBook: (contact: Contact | undefined) => void;
  onBack: () => void;
}) {
  const { x, choice } = props;
  const { t } = x;
  const [fieldError, setFieldError] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  // A server refusal of the contact (invalid_contact, cpr_not_allowed) belongs at the field too.
  const serverFieldError =
    props.error && ['invalid_contact', 'cpr_not_allowed'].includes((props.error as { code?: string }).code ?? '')
      ? errorText(t, props.error)
      : null;
  const shownFieldError = fieldError ? t(fieldError) : serverFieldError;
  const field = choice.reminder === 'phone' ? 'contact-phone' : 'contact-email';
  const set = (patch: Partial<ContactChoice>) => {
    setFieldError(null);
    props.onChoice({ ...choice, ...patch });
  };
  const reminders: Reminder[] = [
    'none',
    ...(props.channels.includes('sms') ? (['phone'] as const) : []),
    ...(props.channels.includes('email') ? (['email'] as const) : []),
  ];
  const submit = (e: Event) => {
    e.preventDefault();
    if (props.submitting) return;
    const { contact, error } = contactFor(reminders.includes(choice.reminder) ? choice.reminder : 'none', choice.phone, choice.email);
    setFieldError(error ?? null);
    if (error) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    props.onBook(contact);
  };
  return (
    <section aria-labelledby="step-contact">
      <BackButton x={x} onClick={props.onBack} />
      <StepHeading step="contact" id="step-contact">
        {t(reminders.length > 1 ? 'book.contactTitle' : 'book.confirmTitle')}
      </StepHeading>
      {shownFieldError ? (
        <div class="alert alert-error" role="alert" tabIndex={-1} ref={summary} data-module="error-summary">
          <Icon name="error" class="alert-icon" />
          <div class="alert-body">
            <p class="alert-heading">{t('book.problems')}</p>
            <ul class="alert-text nobullet-list">
              <li>
                <a class="function-link" href={`#${field}`}>
                  {shownFieldError}
                </a>
              </li>
            </ul>
          </div>
        </div>
      ) : props.error ? (
        <ErrorAlert x={x} error={props.error} />
      ) : null}
      <h2 class="h3">{t('book.summary')}</h2>
      <Facts
        rows={[
          [t('booking.service'), serviceName(x, props.service.names)],
          [t('booking.time'), whenText(x, props.slot.startsAt)],
        ]}
      />
      <form onSubmit={submit} noValidate>
        {reminders.length > 1 ? (
          <div class="form-group">
            <fieldset aria-describedby="contact-privacy">
              <legend class="form-label">{t('book.remind')}</legend>
              <p class="form-hint" id="contact-privacy">
                {t('book.privacy')}
              </p>
              {reminders.map((r) => (
                <div class="form-group-radio" key={r}>
                  <input
                    type="radio"
                    class="form-radio"
                    id={`reminder-${r}`}
                    name="reminder"
                    value={r}
                    checked={choice.reminder === r}
                    onChange={() => set({ reminder: r })}
                  />
                  <label class="form-label" for={`reminder-${r}`}>
                    {t(r === 'none' ? 'book.remindNone' : r === 'phone' ? 'book.remindPhone' : 'book.remindEmail')}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
        ) : null}
        {choice.reminder === 'phone' && reminders.includes('phone') ? (
          <TextField
            x={x}
            id="contact-phone"
            type="tel"
            autocomplete="tel"
            label="book.phone"
            hint="book.phoneHint"
            value={choice.phone}
            error={shownFieldError}
            onInput={(phone) => set({ phone })}
          />
        ) : null}
        {choice.reminder === 'email' && reminders.includes('email') ? (
          <TextField
            x={x}
            id="contact-email"
            type="email"
            autocomplete="email"
            label="book.email"
            hint="book.emailHint"
            value={choice.email}
            error={shownFieldError}
            onInput={(email) => set({ email })}
          />
        ) : null}
        <button type="submit" class="button button-primary book-button" aria-disabled={props.submitting ? 'true' : undefined}>
          {props.submitting ? t('book.booking') : t('book.confirm')}
        </button>
      </form>
    </section>
  );
}

/** A DKFDS text field: label, hint, and the error message tied to the input. */
function TextField(props: {
  x: Texts;
  id: string;
  type: 'tel' | 'email';
  autocomplete: string;
  label: string;
  hint: string;
  value: string;
  error: string | null;
  onInput: (v: string) => void;
}) {
  const { t } = props.x;
  const describedBy = `${props.id}-hint${props.error ? ` ${props.id}-error` : ''}`;
  return (
    <div class={`form-group${props.error ? ' form-error' : ''}`}>
      <label class="form-label" for={props.id}>
        {t(props.label)}
      </label>
      <span class="form-hint" id={`${props.id}-hint`}>
        {t(props.hint)}
      </span>
      {props.error ? (
        <span class="form-error-message" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      <input
        class="form-input"
        id={props.id}
        name={props.id}
        {...(props.type === 'tel' ? { type: 'tel', inputMode: 'tel' } : { type: 'email', inputMode: 'email' })}
        autocomplete={props.autocomplete}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

/** The booking is made: the code large, the time, the manage link and the calendar file. */
export function DoneStep({
  x,
  service,
  booking,
  onAnother,
}: {
  x: Texts;
  service: BookableService;
  booking: Booking;
  onAnother: () => void;
}) {
  const { t } = x;
  return (
    <section aria-labelledby="step-done">
      <StepHeading step="done" id="step-done">
        {t('book.doneTitle')}
      </StepHeading>
      <div class="alert alert-success">
        <Icon name="success" class="alert-icon" />
        <div class="alert-body">
          <p class="alert-heading">{t('booking.code')}</p>
          <p class="booking-code" data-booking-code>
            {booking.bookingCode}
          </p>
          <p class="alert-text">{t('book.doneCode')}</p>
        </div>
      </div>
      <Facts
        rows={[
          [t('booking.service'), serviceName(x, service.names)],
          [t('booking.time'), whenText(x, booking.startsAt)],
        ]}
      />
      <p>
        <a class="manage-link" href={withLang(managePath(booking.manageToken), x.lang)}>
          {t('book.manage')}
        </a>
        <br />
        <span class="form-hint">{t('book.manageHint')}</span>
      </p>
      <p>
        <a class="calendar-link" href={calendarPath(booking.manageToken, x.lang)}>
          {t('book.calendar')}
        </a>
      </p>
      <button type="button" class="button button-tertiary" onClick={onAnother}>
        {t('book.another')}
      </button>
    </section>
  );
}
