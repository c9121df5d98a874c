import appointments from './texts/appointments.json';
import channels from './texts/channels.json';
import common from './texts/common.json';
import estimateAccuracy from './texts/estimate-accuracy.json';
import heatmap from './texts/heatmap.json';
import intraday from './texts/intraday.json';
import outcomes from './texts/outcomes.json';
import selfServiceSeats from './texts/self-service-seats.json';
import survey from './texts/survey.json';
import transfers from './texts/transfers.json';
import triage from './texts/triage.json';
import visits from './texts/visits.json';
import volume from './texts/volume.json';
import waitDistribution from './texts/wait-distribution.json';
import type { ReportLanguage } from './report-filter';

type Texts = Record<ReportLanguage, Record<string, string>>;

/**
 * The statistics texts, one file per report (titles, column labels, the written definition of every figure) plus
 * the common ones, each holding da, en and de: the page, the JSON answer and every export say the same.
 */
const FILES: Texts[] = [
  common,
  volume,
  intraday,
  heatmap,
  waitDistribution,
  appointments,
  triage,
  channels,
  outcomes,
  transfers,
  estimateAccuracy,
  survey,
  selfServiceSeats,
  visits,
];
const TEXTS: Texts = { da: {}, en: {}, de: {} };
for (const file of FILES) for (const lang of ['da', 'en', 'de'] as const) Object.assign(TEXTS[lang], file[lang]);

/** A statistics text in the language, its {placeholders} filled; the key itself if a text is missing (a test keeps the three complete). */
export function statText(lang: ReportLanguage, key: string, params: Record<string, string | number> = {}): string {
  return (TEXTS[lang][key] ?? TEXTS.da[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const statTextKeys = (lang: ReportLanguage): string[] => Object.keys(TEXTS[lang]);
