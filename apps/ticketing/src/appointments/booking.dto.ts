import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES } from '../tickets/issue-ticket.dto';

/** A booking's one contact: a Danish mobile number or an e-mail address (checked by normaliseContact). */
export class BookingContactDto {
  @ApiPropertyOptional({ example: '+45 12 34 56 78', description: 'A Danish mobile number: +45 and 8 digits, spaces allowed' })
  @IsOptional()
  @IsString()
  @MaxLength(24)
  phone?: string;
  @ApiPropertyOptional({ example: 'borger@example.dk' }) @IsOptional() @IsString() @MaxLength(254) email?: string;
}

export class BookAppointmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() serviceId: string;
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00', description: 'One of the free times, with its offset' }) @IsString() @MaxLength(40) startsAt: string;
  @ApiPropertyOptional({ type: BookingContactDto, description: 'For reminders; erased on the retention schedule after the time' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BookingContactDto)
  contact?: BookingContactDto;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsIn(LANGUAGES) language?: string;
}

export class MoveAppointmentDto {
  @ApiProperty({ example: '2027-03-29T10:00:00+02:00' }) @IsString() @MaxLength(40) startsAt: string;
}
