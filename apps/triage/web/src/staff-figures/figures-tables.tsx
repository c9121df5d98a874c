import { type TriageSchemas, formatNumber } from '@skranke/web';
import { lang, serviceName, t } from '../common/texts';
import { dayLabel } from '../reports/period';

export type OwnFigures = TriageSchemas['schemas']['OwnStaffFiguresSchema'];
export type TeamFigures = TriageSchemas['schemas']['TeamStaffFiguresSchema'];

const minutes = (v: number | null | undefined) => (v == null ? '–' : formatNumber(lang, v, 1));
/** By the name the reader reads, never by a figure: these tables are no ranking. */
const byName = <R extends { names: Record<string, string> }>(rows: R[]) =>
  [...rows].sort((a, b) => serviceName(a.names).localeCompare(serviceName(b.names), lang));

/** The period the server answered for: never before the start, so a period wholly before it has no figures. */
function Covered({ figures }: { figures: OwnFigures | TeamFigures }) {
  const { from, to, startsOn } = figures;
  if (from > to) return <p data-testid="before-start">{t('staffFigures.beforeStart', { date: dayLabel(lang, startsOn) })}</p>;
  return (
    <p class="muted" data-testid="covered">
      {t('staffFigures.covered', { from: dayLabel(lang, from), to: dayLabel(lang, to) })}
      {from === startsOn ? ` ${t('staffFigures.fromStart', { date: dayLabel(lang, startsOn) })}` : ''}
    </p>
  );
}

const Head = ({ first }: { first?: string }) => (
  <thead>
    <tr>
      <th scope="col">{t('staffFigures.col.service')}</th>
      {first && (
        <th scope="col" class="num">
          {first}
        </th>
      )}
      <th scope="col" class="num">
        {t('staffFigures.col.served')}
      </th>
      <th scope="col" class="num">
        {t('staffFigures.col.mean')}
      </th>
      <th scope="col" class="num">
        {t('staffFigures.col.p90')}
      </th>
    </tr>
  </thead>
);

/** A service's served count and handling minutes (mean, 90 %), as both tables show them. */
const FigureCells = ({ served, mean, p90 }: { served: number; mean: number | null | undefined; p90: number | null | undefined }) => (
  <>
    <td class="num" data-col="served">
      {formatNumber(lang, served)}
    </td>
    <td class="num" data-col="mean">
      {minutes(mean)}
    </td>
    <td class="num" data-col="p90">
      {minutes(p90)}
    </td>
  </>
);

/** "Mine tal": the reader's own figures per service. */
export function OwnTable({ figures }: { figures: OwnFigures }) {
  return (
    <section class="figures-block" aria-labelledby="own-title" data-testid="own-figures">
      <h2 id="own-title">{t('staffFigures.own')}</h2>
      <Covered figures={figures} />
      {figures.from <= figures.to && !figures.services.length ? (
        <p data-testid="own-empty">{t('staffFigures.ownEmpty')}</p>
      ) : figures.services.length ? (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="own-title">
          <table>
            <Head />
            <tbody>
              {byName(figures.services).map((s) => (
                <tr key={s.serviceId} data-service={s.serviceId}>
                  <th scope="row">{serviceName(s.names)}</th>
                  <FigureCells served={s.served} mean={s.handlingMeanMinutes} p90={s.handlingP90Minutes} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p class="explain">{t('staffFigures.definitions')}</p>
    </section>
  );
}

/** "Holdtal" for supervisors: per service everyone who served it, withheld below the minimum; never a person. */
export function TeamTable({ figures }: { figures: TeamFigures }) {
  return (
    <section class="figures-block" aria-labelledby="teams-title" data-testid="team-figures">
      <h2 id="teams-title">{t('staffFigures.teams')}</h2>
      <p class="explain">{t('staffFigures.teamsExplain', { min: figures.minPersons })}</p>
      <Covered figures={figures} />
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="teams-title">
        <table>
          <Head first={t('staffFigures.col.persons')} />
          <tbody>
            {byName(figures.teams).map((s) => (
              <tr key={s.serviceId} data-service={s.serviceId} data-shown={String(s.shown)}>
                <th scope="row">{serviceName(s.names)}</th>
                {s.shown ? (
                  <>
                    <td class="num" data-col="persons">
                      {formatNumber(lang, s.persons ?? 0)}
                    </td>
                    <FigureCells served={s.served ?? 0} mean={s.handlingMeanMinutes} p90={s.handlingP90Minutes} />
                  </>
                ) : (
                  <td colSpan={4} class="withheld" data-col="withheld">
                    {t('staffFigures.withheld', { min: figures.minPersons })}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
