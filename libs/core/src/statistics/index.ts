export * from './report-definition';
export * from './report-scope';
export * from './stat-rollup';
export * from './statistics.service';
export { REPORTS } from './reports';
export * from './exports/report-csv';
export * from './exports/report-xlsx';
export * from './subscriptions/report-subscriptions.service';
