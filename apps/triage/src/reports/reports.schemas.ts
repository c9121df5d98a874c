import { ApiProperty } from '@nestjs/swagger';
import { INTERVALS, REPORT_COMPARES, REPORT_IDS, REPORT_LANGUAGES } from '@skranke/domain';

const CELL = { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true };
const ROW = { type: 'object', additionalProperties: CELL } as const;

export class ReportListingSchema {
  @ApiProperty({ enum: REPORT_IDS }) id: (typeof REPORT_IDS)[number];
  @ApiProperty() title: string;
  @ApiProperty({ description: 'What the report shows, in the language asked for' }) definition: string;
  @ApiProperty({ enum: INTERVALS, isArray: true, description: 'The intervals it comes by; the first is the default' }) intervals: string[];
  @ApiProperty({ enum: ['json', 'csv', 'xlsx'], isArray: true, description: 'The formats it comes in (the visits export: CSV only)' })
  formats: string[];
  @ApiProperty({ description: 'False while the report is announced but not built yet' }) available: boolean;
  @ApiProperty({ enum: REPORT_COMPARES, isArray: true, description: 'The comparisons it offers (`compare=`); empty: none' })
  compares: string[];
  @ApiProperty({
    description: 'Whether it can be subscribed to by e-mail (`POST /report-subscriptions`): a report of aggregates, and e-mail is set up',
  })
  byEmail: boolean;
}

export class ReportColumnSchema {
  @ApiProperty() key: string;
  @ApiProperty({ enum: ['text', 'period', 'date', 'count', 'percent', 'minutes', 'number'] }) kind: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'What the figure counts and what it leaves out' }) definition: string;
}

export class ReportSiteSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReportFiltersSchema {
  @ApiProperty({ type: [String], format: 'uuid' }) siteIds: string[];
  @ApiProperty({ type: [ReportSiteSchema] }) sites: ReportSiteSchema[];
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: INTERVALS }) interval: (typeof INTERVALS)[number];
  @ApiProperty({ enum: REPORT_LANGUAGES }) lang: (typeof REPORT_LANGUAGES)[number];
  @ApiProperty({ enum: REPORT_COMPARES, nullable: true, description: 'previous-year: the earlier figures and the change beside each row' })
  compare: (typeof REPORT_COMPARES)[number] | null;
}

export class ReportResultSchema {
  @ApiProperty({ enum: REPORT_IDS }) report: (typeof REPORT_IDS)[number];
  @ApiProperty() title: string;
  @ApiProperty() definition: string;
  @ApiProperty({ type: ReportFiltersSchema }) filters: ReportFiltersSchema;
  @ApiProperty({ type: [ReportColumnSchema] }) columns: ReportColumnSchema[];
  @ApiProperty({ type: 'array', items: ROW, description: 'One object per row, keyed by column key' }) rows: Record<
    string,
    string | number | null
  >[];
  @ApiProperty({ ...ROW, nullable: true, description: 'The whole filter at once; null for reports without totals' }) totals: Record<
    string,
    string | number | null
  > | null;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
}
