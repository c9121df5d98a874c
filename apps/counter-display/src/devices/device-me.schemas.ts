import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_KINDS, type DeviceKind } from '@skranke/domain';
import type { DeviceDescription } from './device-me.service';

class DeviceSiteSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'Europe/Copenhagen' }) timezone: string;
}

class DeviceServiceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'P' }) prefix: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { da: 'Pas', en: 'Passport' } }) names: Record<string, string>;
}

class DeviceCounterSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Medbetjening' }) name: string;
  @ApiProperty({ description: 'Seats at the counter; a display names the seat of a counter with more than one' }) seats: number;
}

class DeviceDisplaySchema {
  @ApiProperty({ enum: ['ask', 'on'], description: "The site's displaySound setting: 'on' announces calls without a tap (autoplay allowed), 'ask' offers the tap when sound is blocked" })
  sound: 'ask' | 'on';
}

/** `GET /devices/me`. */
export class DeviceMeSchema implements DeviceDescription {
  @ApiProperty({ format: 'uuid' }) deviceId: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty({ type: DeviceSiteSchema }) site: DeviceSiteSchema;
  @ApiProperty({ type: [DeviceServiceSchema] }) services: DeviceServiceSchema[];
  @ApiProperty({ type: [DeviceCounterSchema], description: 'Active counters, for naming seats' }) counters: DeviceCounterSchema[];
  @ApiProperty({ type: DeviceDisplaySchema }) display: DeviceDisplaySchema;
}
