import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';

export class ServiceNamesDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) da: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) en: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) de: string;
}

export class CreateServiceDto {
  @ApiProperty({ example: 'passport' }) @IsString() @Matches(/^[a-z0-9-]{1,40}$/, { message: 'code must be lowercase letters, digits and dashes' }) code: string;
  @ApiProperty({ example: 'P' }) @IsString() @Matches(/^[A-Z]{1,3}$/, { message: 'prefix must be 1 to 3 capital letters' }) prefix: string;
  @ApiProperty({ type: ServiceNamesDto }) @IsObject() @ValidateNested() @Type(() => ServiceNamesDto) names: ServiceNamesDto;
  @ApiProperty({ example: 15 }) @IsInt() @Min(1) @Max(600) targetWaitMinutes: number;
  @ApiProperty({ example: 80 }) @IsInt() @Min(1) @Max(100) serviceLevelPercent: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100000) dailyCap?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) groupName?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1000) sortOrder?: number;
  @ApiPropertyOptional({ description: 'Citizens may book a time for it' }) @IsOptional() @IsBoolean() bookable?: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'A booking’s length; null or absent: the measured p80 handling time' })
  @ValidateIf((o) => o.appointmentMinutes !== null && o.appointmentMinutes !== undefined)
  @IsInt()
  @Min(5)
  @Max(240)
  appointmentMinutes?: number | null;
  @ApiPropertyOptional({ description: 'Minutes ahead a citizen must book online (default 60)' }) @IsOptional() @IsInt() @Min(0) @Max(20160) minNoticeMinutes?: number;
  @ApiPropertyOptional({ description: 'The furthest day ahead that can be booked (default 30)' }) @IsOptional() @IsInt() @Min(1) @Max(366) maxDaysAhead?: number;
  @ApiPropertyOptional({ description: 'Minutes before the time after which a citizen must call to change (default 120)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20160)
  cancelCutoffMinutes?: number;
}

export class UpdateServiceDto extends PartialType(CreateServiceDto, { skipNullProperties: false }) {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
