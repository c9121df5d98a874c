import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorText } from '@skranke/web';
import { t } from '../common/texts';

export type SaveState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; text?: string } | { kind: 'failed'; text: string };

/**
 * One save per section: runs the section's work, then says "Gemt" (neutral,
 * role=status) or why not (role=alert), a refusal by its code in the page's
 * language. `check` returns false when the form has problems to show first.
 */
export function useSave() {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = async (work: () => Promise<string | void>, check: () => boolean = () => true) => {
    if (!check()) {
      setState({ kind: 'failed', text: t('invalid.form') });
      return;
    }
    setState({ kind: 'busy' });
    try {
      const text = await work();
      setState({ kind: 'saved', text: text || undefined });
    } catch (e) {
      setState({ kind: 'failed', text: errorText(t, e) });
    }
  };
  return { state, run };
}

/** A section of the configuration page: heading (an anchor of the page's navigation) and its content. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={id} data-section={id} aria-labelledby={`${id}-title`} class="admin-section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** The section's one save button with its status line. */
export function SaveBar({ id, state, label = t('save'), disabled }: { id: string; state: SaveState; label?: string; disabled?: boolean }) {
  return (
    <div class="save-bar">
      <button type="submit" data-testid={`save-${id}`} disabled={disabled || state.kind === 'busy'}>
        {label}
      </button>
      <p class="status" role="status" data-testid={`status-${id}`}>
        {state.kind === 'saved' ? (state.text ?? t('saved')) : state.kind === 'busy' ? t('saving') : ''}
      </p>
      {state.kind === 'failed' && (
        <p class="error" role="alert" data-testid={`error-${id}`}>
          {state.text}
        </p>
      )}
    </div>
  );
}

/** A labelled field with its problem (if any) read out with the field. */
export function Field(props: { id: string; label: string; problem?: string; hint?: string; children: ComponentChildren }) {
  const { id, label, problem, hint, children } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small class="muted" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      <CellProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

/** aria attributes of an input whose label, hint or problem is elsewhere. */
export const described = (id: string, problem?: string, hint?: string) => ({
  id,
  'aria-invalid': problem ? ('true' as const) : undefined,
  'aria-describedby': [problem && `${id}-problem`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined,
});

/** The problem of one field, as a small text under it (its id is the field's `aria-describedby`). */
export function CellProblem({ id, problem }: { id: string; problem?: string }) {
  return problem ? (
    <small class="field-error" id={id}>
      {t(problem)}
    </small>
  ) : null;
}

/** Input handler for a text field. */
export const onText = (set: (v: string) => void) => (e: Event) => set((e.currentTarget as HTMLInputElement).value);
