import { ApiProperty } from '@nestjs/swagger';
import { DEVICE_KINDS, type DeviceKind } from '@skranke/domain';

/** A kiosk or display as the configuration answers it (for the pages' generated API types). */
export class DeviceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the device last used its token (updated at most once a minute)' })
  lastSeenAt: string | null;
}

export class NewDeviceSchema extends DeviceSchema {
  @ApiProperty({ description: 'The device token: shown only in this answer, for the device’s URL fragment' }) token: string;
}
