import type { ReportId } from '@skranke/domain';
import type { ReportDefinition } from '../report-definition';
import { outcomesReport } from './outcomes.report';
import { transfersReport } from './transfers.report';
import { volumeReport } from './volume.report';

/** Every report by id; a report not registered yet answers 404 `report_not_available`. */
export const REPORTS: Partial<Record<ReportId, ReportDefinition>> = {
  volume: volumeReport,
  outcomes: outcomesReport,
  transfers: transfersReport,
};
