import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CprErrorCode } from '@skranke/platform';

export const GUIDANCE = ['very-good', 'good', 'poor', 'unacceptable'] as const;

/** The Teknologisk Institut mini-survey (seed 003). Every answer is optional. */
export class SurveyDto {
  @ApiPropertyOptional({ description: 'Did you get what you came for?' }) @IsOptional() @IsBoolean() gotWhatCameFor?: boolean;
  @ApiPropertyOptional({ enum: GUIDANCE, description: 'How were you guided?' }) @IsOptional() @IsIn(GUIDANCE) guidance?: (typeof GUIDANCE)[number];
  @ApiPropertyOptional({ description: 'Did you feel seen and heard?' }) @IsOptional() @IsBoolean() feltSeenAndHeard?: boolean;
  @ApiPropertyOptional({ maxLength: 500, description: 'Anonymous; never write a CPR number, a name or contact details' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @CprErrorCode('personal_data_in_comment')
  comment?: string;
}
