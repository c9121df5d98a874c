import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LANGUAGES } from '../tickets/issue-ticket.dto';

export class CreateAppointmentDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiProperty({ example: '2026-11-25T10:30:00+01:00' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiPropertyOptional({ description: 'Generated when left out; letters and digits, 4 to 12' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{4,12}$/)
  bookingCode?: string;
  @ApiPropertyOptional({ description: 'For an SMS reminder; erased on the retention schedule' })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{8,16}$/)
  phone?: string;
}

export class CheckInDto {
  @ApiProperty({ description: 'The code from the booking confirmation' }) @IsString() @MaxLength(32) bookingCode: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: string;
}
