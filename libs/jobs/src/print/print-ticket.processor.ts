import { Inject, Injectable } from '@nestjs/common';
import type { BlockList } from 'node:net';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Device, Service, Site, Ticket } from '@skranke/persistence';
import { escposReceipt } from './escpos-receipt';
import { allowedPrinterRanges, parsePrinterAddress, printerAddressProblem } from './printer-address';
import { sendToPrinter } from './tcp-printer';

export interface PrintTicketJob {
  ticketId: string;
  deviceId: string;
}

/** Retries before a print counts as failed; the ticket itself is never touched beyond print_status. */
export const PRINT_ATTEMPTS = 3;

/**
 * Prints a kiosk ticket on the kiosk's network printer. Reloads the ticket
 * (the payload carries ids only), prints at most once after success, and on
 * the last failed attempt records print_status 'failed' so staff can see it.
 */
@Injectable()
export class PrintTicketProcessor {
  private readonly allowedPrinters: BlockList;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {
    this.allowedPrinters = allowedPrinterRanges(config.printerAllowedRanges);
  }

  async process(job: Pick<Job<PrintTicketJob>, 'data' | 'attemptsMade' | 'opts'>): Promise<'printed' | 'skipped'> {
    const tickets = this.dataSource.getRepository(Ticket);
    const ticket = await tickets.findOneBy({ id: job.data.ticketId });
    if (!ticket || ticket.printStatus !== 'pending') return 'skipped';
    const device = await this.dataSource.getRepository(Device).findOneBy({ id: job.data.deviceId });
    try {
      if (!device?.printerAddress) throw new Error('the kiosk has no printer address');
      // Again at print time: an address saved before the rule, or before PRINTER_ALLOWED_RANGES shrank, is not connected to.
      const problem = printerAddressProblem(device.printerAddress, this.allowedPrinters);
      if (problem) throw new UnrecoverableError(`printer address refused: ${problem.code}`);
      const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: ticket.siteId });
      const service = await this.dataSource.getRepository(Service).findOneByOrFail({ id: ticket.serviceId });
      const lang = (ticket.language in service.names ? ticket.language : 'da') as keyof typeof service.names;
      const bytes = escposReceipt({
        siteName: site.name,
        number: ticket.number,
        service: service.names[lang] ?? service.code,
        issuedAt: ticket.issuedAt.toLocaleString('da-DK', { timeZone: site.timezone }),
        waitText: ticket.estimateLow !== null ? `ca. ${ticket.estimateLow}-${ticket.estimateHigh} min` : '',
        url: `${this.config.urls.ticketing}/t/${ticket.trackingToken}`,
      });
      await sendToPrinter(parsePrinterAddress(device.printerAddress)!, bytes);
    } catch (err) {
      const last = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) await tickets.update({ id: ticket.id, printStatus: 'pending' }, { printStatus: 'failed' });
      throw err;
    }
    await tickets.update({ id: ticket.id, printStatus: 'pending' }, { printStatus: 'printed' });
    return 'printed';
  }
}
