import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { HELP_MODES, HelpMode, OUTCOMES, Outcome, PLACEMENTS, Placement } from '@skranke/domain';

export class TransferDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiProperty({ enum: PLACEMENTS }) @IsIn(PLACEMENTS) placement: Placement;
}

export class FinishDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome: Outcome;
  @ApiPropertyOptional({ enum: HELP_MODES }) @IsOptional() @IsIn(HELP_MODES) helpMode?: HelpMode;
}
