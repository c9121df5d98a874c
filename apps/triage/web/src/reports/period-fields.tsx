import type { ComponentChildren } from 'preact';
import { t } from '../common/texts';
import { QUICK_PERIODS, type QuickPeriod, quickPeriod } from './period';

export interface Period {
  from: string;
  to: string;
}

/**
 * The period's fieldset, as the reports and staff figures pages show it: the quick choices (`pressed`: the period
 * they mark as chosen) and the two dates; `children` stand after the dates (a page's own button).
 */
export function PeriodFields({
  period,
  onChange,
  pressed = period,
  onQuick,
  disabled = false,
  class: className,
  children,
}: {
  period: Period;
  onChange: (p: Period) => void;
  pressed?: Period;
  /** A quick choice was tapped (after onChange). */
  onQuick?: (p: Period) => void;
  disabled?: boolean;
  class?: string;
  children?: ComponentChildren;
}) {
  const { from, to } = period;
  const quick = (q: QuickPeriod) => {
    const p = quickPeriod(q);
    onChange(p);
    onQuick?.(p);
  };
  return (
    <fieldset class={className}>
      <legend>{t('reports.period')}</legend>
      <div class="choices">
        {QUICK_PERIODS.map((q) => {
          const p = quickPeriod(q);
          return (
            <button
              key={q}
              type="button"
              class="toggle secondary"
              data-period={q}
              aria-pressed={p.from === pressed.from && p.to === pressed.to}
              disabled={disabled}
              onClick={() => quick(q)}
            >
              {t(`reports.quick.${q}`)}
            </button>
          );
        })}
      </div>
      <div class="dates">
        <label>
          {t('reports.from')}
          <input type="date" name="from" required value={from} max={to} onInput={(e) => onChange({ from: e.currentTarget.value, to })} />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" name="to" required value={to} min={from} onInput={(e) => onChange({ from, to: e.currentTarget.value })} />
        </label>
        {children}
      </div>
    </fieldset>
  );
}
