import { ApiProperty } from '@nestjs/swagger';
import { NAMES } from '../kiosk/kiosk.schemas';

export class AppointmentServiceSchema {
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty(NAMES) names: Record<string, string>;
  @ApiProperty({ description: 'A booking’s length in minutes' }) minutes: number;
  @ApiProperty() minNoticeMinutes: number;
  @ApiProperty() maxDaysAhead: number;
  @ApiProperty({ description: 'Minutes before the time after which the booking can no longer be moved or cancelled online' }) cancelCutoffMinutes: number;
}

class BookingSiteSchema {
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone: string;
}

export class BookingInfoSchema {
  @ApiProperty({ type: BookingSiteSchema }) site: BookingSiteSchema;
  @ApiProperty({ type: [AppointmentServiceSchema] }) services: AppointmentServiceSchema[];
  @ApiProperty({
    enum: ['sms', 'email'],
    isArray: true,
    description: 'The channels a reminder contact may be given for (configured and on for the site); empty: the page asks for no contact',
  })
  contactChannels: ('sms' | 'email')[];
}

export class SlotSchema {
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00' }) startsAt: string;
  @ApiProperty({ example: '2027-03-29T09:15:00+02:00' }) endsAt: string;
}

class SlotDaySchema {
  @ApiProperty({ example: '2027-03-29' }) date: string;
  @ApiProperty({ type: [SlotSchema] }) slots: SlotSchema[];
}

export class SlotsSchema {
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone: string;
  @ApiProperty({ type: [SlotDaySchema] }) days: SlotDaySchema[];
}

export class BookingSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'K7P2QX', description: 'Shown at the kiosk to check in' }) bookingCode: string;
  @ApiProperty({ description: 'The key of the manage link /appointment/<manageToken>' }) manageToken: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty({ example: '2027-03-29T09:00:00+02:00' }) startsAt: string;
  @ApiProperty({ example: '2027-03-29T09:15:00+02:00' }) endsAt: string;
}

export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'served', 'no-show', 'cancelled'] as const;

export class ManagedBookingSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() bookingCode: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty(NAMES) serviceNames: Record<string, string>;
  @ApiProperty({ type: BookingSiteSchema }) site: BookingSiteSchema;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ description: 'After this the booking can no longer be changed online' }) cancelCutoffAt: string;
  @ApiProperty({ description: 'Booked and before the cut-off' }) changeable: boolean;
  @ApiProperty({ enum: ['da', 'en', 'de'] }) language: string;
}

export class StaffAppointmentSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() bookingCode: string;
  @ApiProperty({ format: 'uuid' }) serviceId: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES }) status: string;
  @ApiProperty({ enum: ['public', 'kiosk', 'staff', 'api'] }) bookedBy: string;
  @ApiProperty({ description: 'A phone number or e-mail is held (never shown)' }) hasContact: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ticketId: string | null;
}

export class NextFreeSchema {
  @ApiProperty({ example: '2027-03-29', description: 'The site’s date today' }) date: string;
  @ApiProperty({ description: 'Offer the times beside "take a number": there is a reason and a free time' }) offer: boolean;
  @ApiProperty({ type: String, enum: ['wait-over-target', 'not-before-closing'], nullable: true, description: 'Why a walk-in ticket is a poor deal now; null: it is not' })
  reason: 'wait-over-target' | 'not-before-closing' | null;
  @ApiProperty({ type: SlotSchema, nullable: true, description: 'The first free time today from now (no minimum notice)' }) today: SlotSchema | null;
  @ApiProperty({ type: SlotSchema, nullable: true, description: 'The first free time on the next day that has one (within 14 days)' }) tomorrow: SlotSchema | null;
}

export class StaffBookingSchema extends BookingSchema {
  @ApiProperty({ type: String, enum: ['pending'], nullable: true, description: 'A kiosk with a network printer: its receipt is being printed; null: no receipt' })
  printStatus: 'pending' | null;
}
