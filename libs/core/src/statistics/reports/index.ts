import type { ReportId } from '@skranke/domain';
import type { ReportDefinition } from '../report-definition';
import { estimateAccuracyReport } from './estimate-accuracy.report';
import { outcomesReport } from './outcomes.report';
import { surveyReport } from './survey.report';
import { transfersReport } from './transfers.report';
import { volumeReport } from './volume.report';

/** Every report by id; a report not registered yet answers 404 `report_not_available`. */
export const REPORTS: Partial<Record<ReportId, ReportDefinition>> = {
  volume: volumeReport,
  outcomes: outcomesReport,
  transfers: transfersReport,
  'estimate-accuracy': estimateAccuracyReport,
  survey: surveyReport,
};
