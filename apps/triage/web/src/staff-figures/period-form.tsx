import { useState } from 'preact/hooks';
import { t } from '../common/texts';
import { type Period, PeriodFields } from '../reports/period-fields';

export type { Period };

/** The period, as on the reports page: a quick choice shows its figures at once; own dates with "Vis tal". */
export function PeriodForm({ period, onShow, busy }: { period: Period; onShow: (p: Period) => void; busy: boolean }) {
  const [chosen, setChosen] = useState(period);
  const submit = (ev: Event) => {
    ev.preventDefault();
    onShow(chosen);
  };
  return (
    <form class="figures-period" onSubmit={submit}>
      <PeriodFields period={chosen} onChange={setChosen} pressed={period} onQuick={onShow} disabled={busy}>
        <button type="submit" data-testid="show" disabled={busy}>
          {t('staffFigures.show')}
        </button>
      </PeriodFields>
    </form>
  );
}
