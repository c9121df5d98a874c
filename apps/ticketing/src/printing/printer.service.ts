import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@skranke/domain';
import { Device, rowChanges } from '@skranke/persistence';

@Injectable()
export class PrinterService {
  constructor(private readonly dataSource: DataSource) {}

  async set(siteId: string, deviceId: string, address: string | null) {
    const res = await this.dataSource.getRepository(Device).update({ id: deviceId, siteId, kind: 'kiosk' }, { printerAddress: address });
    if (!res.affected) throw notFound('device_not_found', 'No kiosk with that id at this site.');
    rowChanges.changed('device');
    return { deviceId, printerAddress: address };
  }
}
