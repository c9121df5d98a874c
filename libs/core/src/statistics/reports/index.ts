import type { ReportId } from '@skranke/domain';
import type { ReportDefinition } from '../report-definition';
import { appointmentsReport } from './appointments.report';
import { channelsReport } from './channels.report';
import { estimateAccuracyReport } from './estimate-accuracy.report';
import { heatmapReport } from './heatmap.report';
import { intradayReport } from './intraday.report';
import { outcomesReport } from './outcomes.report';
import { selfServiceSeatsReport } from './self-service-seats.report';
import { surveyReport } from './survey.report';
import { transfersReport } from './transfers.report';
import { triageReport } from './triage.report';
import { visitsExport } from './visits.export';
import { volumeReport } from './volume.report';
import { waitDistributionReport } from './wait-distribution.report';

/** Every report by id; a report not registered yet answers 404 `report_not_available`. */
export const REPORTS: Partial<Record<ReportId, ReportDefinition>> = {
  volume: volumeReport,
  visits: visitsExport,
  intraday: intradayReport,
  heatmap: heatmapReport,
  'wait-distribution': waitDistributionReport,
  appointments: appointmentsReport,
  triage: triageReport,
  channels: channelsReport,
  outcomes: outcomesReport,
  transfers: transfersReport,
  'estimate-accuracy': estimateAccuracyReport,
  survey: surveyReport,
  'self-service-seats': selfServiceSeatsReport,
};
