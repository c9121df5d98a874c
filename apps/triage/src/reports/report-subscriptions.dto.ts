import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { REPORT_FREQUENCIES, REPORT_IDS, REPORT_LANGUAGES, type ReportFrequency, type ReportLanguage } from '@skranke/domain';

export class CreateReportSubscriptionDto {
  @ApiProperty({ enum: REPORT_IDS.filter((r) => r !== 'visits') }) @IsString() @IsIn(REPORT_IDS) report: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The sites, all of which the caller may read' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  siteIds: string[];
  @ApiProperty({
    enum: REPORT_FREQUENCIES,
    description:
      'daily: yesterday at 07:00; weekly: last week on Monday at 07:00; monthly: last month on the 1st at 07:00 (the first site’s time)',
  })
  @IsIn(REPORT_FREQUENCIES)
  frequency: ReportFrequency;
  @ApiProperty({ enum: REPORT_LANGUAGES }) @IsIn(REPORT_LANGUAGES) lang: ReportLanguage;
  @ApiProperty({ format: 'email' }) @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ description: 'Send nothing for a period without visits' }) @IsOptional() @IsBoolean() skipWhenEmpty?: boolean;
}

export class ReportSubscriptionSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPORT_IDS }) report: string;
  @ApiProperty({ type: [String], format: 'uuid' }) siteIds: string[];
  @ApiProperty({ enum: REPORT_FREQUENCIES }) frequency: ReportFrequency;
  @ApiProperty({ enum: REPORT_LANGUAGES }) lang: ReportLanguage;
  @ApiProperty() email: string;
  @ApiProperty() skipWhenEmpty: boolean;
  @ApiProperty({ format: 'date-time' }) nextRunAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastRunAt: Date | null;
  @ApiProperty({ enum: ['sent', 'skipped-empty', 'failed'], nullable: true }) lastStatus: 'sent' | 'skipped-empty' | 'failed' | null;
  @ApiProperty({ nullable: true, type: String, description: 'The code of the last failure' }) lastError: string | null;
}
