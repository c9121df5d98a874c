import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COUNTER_KINDS, CounterKind } from '@skranke/domain';

export class CreateCounterDto {
  @ApiProperty({ example: 'Skranke 4' }) @IsString() @MinLength(1) @MaxLength(40) name: string;
  @ApiProperty({ enum: COUNTER_KINDS }) @IsIn(COUNTER_KINDS) kind: CounterKind;
  @ApiPropertyOptional({ description: 'Seats served at once: 1 (the default) unless assisted-self-service (a medbetjening station), 1…12' }) @IsOptional() @IsInt() @Min(1) @Max(12) seats?: number;
  @ApiProperty({ description: 'Services in the counter’s order of preference' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  serviceIds: string[];
}

export class UpdateCounterDto extends PartialType(CreateCounterDto, { skipNullProperties: false }) {}
