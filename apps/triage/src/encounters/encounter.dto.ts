import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ENCOUNTER_OUTCOMES, EncounterOutcome } from '@skranke/domain';
import { CprErrorCode } from '@skranke/platform';

export class EncounterTicketDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 9 }) @IsOptional() @IsInt() @Min(0) @Max(9) priority?: number;
  @ApiPropertyOptional({ maxLength: 200, description: 'For the counter. Never a CPR number.' }) @IsOptional() @IsString() @MaxLength(200) @CprErrorCode('cpr_number_in_note') note?: string;
  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(40, { each: true }) flags?: string[];
  @ApiPropertyOptional() @IsOptional() @IsIn(['da', 'en', 'de']) language?: string;
}

export class CreateEncounterDto {
  @ApiProperty({ enum: ENCOUNTER_OUTCOMES }) @IsIn(ENCOUNTER_OUTCOMES) outcome: EncounterOutcome;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) topic?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) referralTarget?: string;
  @ApiPropertyOptional({ type: EncounterTicketDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => EncounterTicketDto) ticket?: EncounterTicketDto;
}
