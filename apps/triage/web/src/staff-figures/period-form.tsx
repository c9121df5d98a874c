import { useState } from 'preact/hooks';
import { t } from '../common/texts';
import { QUICK_PERIODS, quickPeriod } from '../reports/period';

export interface Period {
  from: string;
  to: string;
}

/** The period, as on the reports page: a quick choice shows its figures at once; own dates with "Vis tal". */
export function PeriodForm({ period, onShow, busy }: { period: Period; onShow: (p: Period) => void; busy: boolean }) {
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const submit = (ev: Event) => {
    ev.preventDefault();
    onShow({ from, to });
  };
  return (
    <form class="figures-period" onSubmit={submit}>
      <fieldset>
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
                aria-pressed={p.from === period.from && p.to === period.to}
                disabled={busy}
                onClick={() => (setFrom(p.from), setTo(p.to), onShow(p))}
              >
                {t(`reports.quick.${q}`)}
              </button>
            );
          })}
        </div>
        <div class="dates">
          <label>
            {t('reports.from')}
            <input type="date" name="from" required value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            {t('reports.to')}
            <input type="date" name="to" required value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <button type="submit" data-testid="show" disabled={busy}>
            {t('staffFigures.show')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
