import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { errorText } from '@skranke/web';
import { LANGUAGES } from '../languages';
import { Icon } from './icon';
import { PAGE_LANGUAGES, type Texts, withLang } from './texts';

/**
 * The frame of both citizen pages in DKFDS's layout: the language switch on
 * top (each language in its own name and lang, the chosen one first), the
 * site's name as the solution header, the step in <main>, and a polite live region for what changed.
 */
export function PageFrame(props: {
  x: Texts;
  siteName: string;
  status: string;
  onLanguage: (lang: string) => void;
  children: ComponentChildren;
}) {
  const { x } = props;
  return (
    <>
      <nav class="language-switcher" aria-label={x.t('booking.languages')}>
        <div class="container">
          <ul>
            {[x.lang, ...PAGE_LANGUAGES.filter((l) => l !== x.lang)].map((l) => (
              <li key={l}>
                <a
                  href={withLang(location.href, l)}
                  lang={l}
                  hrefLang={l}
                  aria-current={l === x.lang ? 'true' : undefined}
                  data-lang={l}
                  onClick={(e) => {
                    e.preventDefault();
                    history.replaceState(null, '', withLang(location.href, l));
                    props.onLanguage(l);
                  }}
                >
                  {l === x.lang ? <Icon name="check" /> : null}
                  {LANGUAGES[l]['language.name']}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <header class="header">
        <div class="solution-info">
          <div class="solution-info-inner container">
            <div class="solution-heading">
              <p class="solution-name">{props.siteName || '\u00a0'}</p>
            </div>
          </div>
        </div>
      </header>
      <main id="main" class="container booking-page">
        {props.children}
        <p class="sr-only" role="status" aria-live="polite" data-status>
          {props.status}
        </p>
      </main>
    </>
  );
}

let firstHeading = true;

/**
 * A step's heading. When a step replaces another, focus moves to its heading,
 * so keyboard and screen reader users start reading at the new step (the
 * page's first heading keeps the browser's own start).
 */
export function StepHeading({ children, step, id }: { children: ComponentChildren; step: string; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!firstHeading) ref.current?.focus();
    firstHeading = false;
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} class="step-heading" data-step={step}>
      {children}
    </h1>
  );
}

/** A back button between steps (DKFDS's back link, as a button: it changes the step, not the address). */
export const BackButton = ({ x, onClick }: { x: Texts; onClick: () => void }) => (
  <button type="button" class="back-link booking-back" onClick={onClick}>
    <Icon name="chevron-left" />
    {x.t('booking.back')}
  </button>
);

/** A refusal from the server in the page's words, as DKFDS's error alert. */
export function ErrorAlert({ x, error, text }: { x: Texts; error?: unknown; text?: string }) {
  return (
    <div class="alert alert-error" role="alert">
      <Icon name="error" class="alert-icon" />
      <div class="alert-body">
        <p class="alert-text">{text ?? errorText(x.t, error)}</p>
      </div>
    </div>
  );
}

export function InfoAlert({
  children,
  variant = 'info',
  heading,
}: {
  children: ComponentChildren;
  variant?: 'info' | 'success' | 'warning';
  heading?: string;
}) {
  return (
    <div class={`alert alert-${variant}`}>
      <Icon name={variant} class="alert-icon" />
      <div class="alert-body">
        {heading ? <p class="alert-heading">{heading}</p> : null}
        <p class="alert-text">{children}</p>
      </div>
    </div>
  );
}

/** A label and its value, as DKFDS's summary list. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="booking-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
