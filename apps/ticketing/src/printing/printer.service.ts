import type { BlockList } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { invalid, notFound } from '@skranke/domain';
import { allowedPrinterRanges, printerAddressProblem } from '@skranke/jobs';
import { Device, rowChanges } from '@skranke/persistence';

@Injectable()
export class PrinterService {
  private readonly allowed: BlockList;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) config: SkrankeConfig,
  ) {
    this.allowed = allowedPrinterRanges(config.printerAllowedRanges);
  }

  async set(siteId: string, deviceId: string, address: string | null) {
    const problem = address === null ? null : printerAddressProblem(address, this.allowed);
    if (problem) throw invalid(problem.code, problem.message);
    const res = await this.dataSource.getRepository(Device).update({ id: deviceId, siteId, kind: 'kiosk' }, { printerAddress: address });
    if (!res.affected) throw notFound('device_not_found', 'No kiosk with that id at this site.');
    rowChanges.changed('device');
    return { deviceId, printerAddress: address };
  }
}
