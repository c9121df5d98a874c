import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '@skranke/auth';
import { TARGET_COVERAGE } from '@skranke/domain';
import { ACCURACY_DAYS, EstimateAccuracyService, type RecentServiceAccuracy } from '@skranke/core';
import { ServiceAccuracySchema } from './dashboard.schemas';

class RangeCalibrationSchema {
  @ApiProperty({ description: 'Factor the low side of the shown range (point − low) is scaled by' }) lowFactor: number;
  @ApiProperty({ description: 'Factor the high side of the shown range (high − point) is scaled by' }) highFactor: number;
  @ApiProperty({ format: 'date-time', description: 'When the nightly calibration last checked this service' }) computedAt: string;
}

class RecentServiceAccuracySchema extends ServiceAccuracySchema implements RecentServiceAccuracy {
  @ApiProperty({ type: RangeCalibrationSchema, nullable: true, description: 'Null: never calibrated (the estimator’s own range)' })
  calibration: RangeCalibrationSchema | null;
}

export class EstimateAccuracySchema {
  @ApiProperty({ example: ACCURACY_DAYS, description: 'Business days looked back over, today included' }) days: number;
  @ApiProperty({ description: 'Share of real waits the shown ranges promise to hold (p10–p90)' }) targetWithinRangeShare: number;
  @ApiProperty({ type: [RecentServiceAccuracySchema] }) services: RecentServiceAccuracySchema[];
}

/** How well the wait estimates held over the last 14 days, per service, and the ranges' calibration (issue 23). */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class EstimateAccuracyController {
  constructor(private readonly accuracy: EstimateAccuracyService) {}

  @Get('estimate-accuracy')
  @Access({ site: 'siteId', roles: ['supervisor'] })
  @ApiOperation({ summary: 'Per service over the last 14 days: tickets scored, mean absolute error of the shown wait, share of real waits inside the shown range, the range calibration' })
  @ApiOkResponse({ type: EstimateAccuracySchema })
  async get(@Param('siteId') siteId: string): Promise<EstimateAccuracySchema> {
    return { days: ACCURACY_DAYS, targetWithinRangeShare: TARGET_COVERAGE, services: await this.accuracy.recent(siteId) };
  }
}
