import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const LANGUAGES = ['da', 'en', 'de'] as const;

export class IssueTicketDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 9, description: '0 = none; above 0 gets the site’s head start' }) @IsOptional() @IsInt() @Min(0) @Max(9) priority?: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() appointmentId?: string;
}
