import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

class PlanIntervalSchema {
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00', description: 'The 15-minute interval’s start, with the site offset' }) startsAt: string;
  @ApiProperty({ description: 'Seat-minutes planned for the service in the interval (a counter shared by n services gives each 1/n)' }) counterMinutes: number;
  @ApiProperty({ description: 'The booking share of the interval (0–1)' }) share: number;
  @ApiProperty({ description: 'counterMinutes × share; 0 when the day is closed' }) bookableMinutes: number;
  @ApiProperty({ description: 'Minutes of the bookings (booked, checked in, served) that start in the interval' }) bookedMinutes: number;
  @ApiProperty({ description: 'Walk-in arrivals forecast for the interval (same weekday and hour, last four weeks)' }) walkInForecast: number;
  @ApiProperty({ description: 'The walk-ins’ predicted service level (0–1, Erlang C) at the interval’s share' }) predictedServiceLevel: number;
}

class ServicePlanSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ description: 'The day’s share: the set one, or (computed) bookable ÷ counter minutes over the day' }) share: number;
  @ApiProperty({ enum: ['computed', 'service', 'day'] }) shareSource: string;
  @ApiProperty({ description: 'Closed for bookings that day' }) closed: boolean;
  @ApiProperty({ description: 'A booking’s length in minutes' }) appointmentMinutes: number;
  @ApiProperty({ description: 'The share of walk-ins to be called within the target (0–1)' }) targetServiceLevel: number;
  @ApiProperty({ type: [PlanIntervalSchema] }) intervals: PlanIntervalSchema[];
}

export class AppointmentPlanSchema {
  @ApiProperty({ example: '2027-03-29' }) date: string;
  @ApiProperty({ type: [ServicePlanSchema] }) services: ServicePlanSchema[];
}

export class ClosureDto {
  @ApiProperty({ example: '2027-03-29', description: 'A site date, today or later' }) @IsString() @MaxLength(10) date: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'One bookable service; absent: every bookable service of the site' }) @IsOptional() @IsUUID() serviceId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'Why (for staff and the audit log). Never a CPR number.' }) @IsOptional() @IsString() @MaxLength(200) reason?: string;
}

class CancelledBookingSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() bookingCode: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00' }) startsAt: string;
  @ApiProperty({ description: 'A phone number or e-mail is held, so the citizen can be told (never shown)' }) hasContact: boolean;
}

export class ClosureSchema {
  @ApiProperty({ example: '2027-03-29' }) date: string;
  @ApiProperty({ type: [String], description: 'The services closed (or reopened)' }) serviceIds: string[];
  @ApiProperty({ type: [CancelledBookingSchema], description: 'The bookings the closure cancelled: tell these citizens' }) cancelled: CancelledBookingSchema[];
}

export class ReopenSchema {
  @ApiProperty({ example: '2027-03-29' }) date: string;
  @ApiProperty({ type: [String] }) serviceIds: string[];
}
