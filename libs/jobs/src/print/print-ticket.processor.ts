import { Inject, Injectable } from '@nestjs/common';
import type { BlockList } from 'node:net';
import { Job, MinimalJob, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { Appointment, Device, Service, Site, Ticket } from '@skranke/persistence';
import { BOOKING_RECEIPT_TEXTS } from './booking-receipt-texts';
import { escposBookingReceipt, escposReceipt } from './escpos-receipt';
import { allowedPrinterRanges, parsePrinterAddress, printerAddressProblem } from './printer-address';
import { sendToPrinter } from './tcp-printer';

export interface PrintTicketJob {
  ticketId: string;
  deviceId: string;
  /** Attempts the printer itself failed (refused, timed out): three and the print is failed. */
  printerFailures?: number;
}

/**
 * Attempts in all. A printer that fails three times fails the print at once
 * (the citizen is at the kiosk); anything else, such as the database being
 * restarted, is retried with a backoff doubling from PRINT_RETRY_BASE_MS
 * (1 s: the attempts span about four minutes).
 */
export const PRINT_ATTEMPTS = 9;
const PRINTER_ATTEMPTS = 3;
const PRINTER_RETRY_MS = 500;

/** The print job of a kiosk ticket; its id is the same however often it is added. */
export function printJob(ticketId: string, deviceId: string) {
  const data: PrintTicketJob = { ticketId, deviceId };
  return {
    data,
    opts: { jobId: `ticket:${ticketId}:print`, attempts: PRINT_ATTEMPTS, backoff: { type: 'print' }, removeOnComplete: 1000, removeOnFail: 1000 },
  };
}

export interface PrintBookingJob {
  appointmentId: string;
  deviceId: string;
  printerFailures?: number;
}

/** The print job of a time booked at a kiosk; one per booking however often it is added (BullMQ ids: no ":"). */
export function bookingPrintJob(appointmentId: string, deviceId: string) {
  const data: PrintBookingJob = { appointmentId, deviceId };
  return {
    data,
    opts: { jobId: `appointment_${appointmentId}_print`, attempts: PRINTER_ATTEMPTS, backoff: { type: 'print' }, removeOnComplete: 1000, removeOnFail: 1000 },
  };
}

/** The print worker's backoff: short after a printer failure, doubling from `baseMs` after anything else. */
export function printBackoff(baseMs: number) {
  return (attemptsMade: number, _type?: string, err?: Error, job?: MinimalJob): number =>
    err instanceof PrinterError ? PRINTER_RETRY_MS * 2 ** (((job?.data as PrintTicketJob)?.printerFailures ?? 1) - 1) : baseMs * 2 ** (attemptsMade - 1);
}

/** How long a print may stay pending at most: every attempt's backoff and printer timeout, and a minute to spare. */
export const printDeadlineMs = (baseMs: number) => baseMs * (2 ** (PRINT_ATTEMPTS - 1) - 1) + PRINT_ATTEMPTS * 5_000 + 60_000;

class PrinterError extends Error {}

/**
 * Prints a kiosk ticket on the kiosk's network printer. Reloads the ticket
 * (the payload carries ids only), prints at most once after success, and
 * records print_status 'failed' once the printer has failed three times. A
 * print whose attempts all fail otherwise (the database down) is marked failed
 * by the ScheduleReconciler.
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

  async process(job: Pick<Job<PrintTicketJob>, 'data' | 'attemptsMade' | 'opts' | 'updateData'>): Promise<'printed' | 'skipped'> {
    const tickets = this.dataSource.getRepository(Ticket);
    const ticket = await tickets.findOneBy({ id: job.data.ticketId });
    if (!ticket || ticket.printStatus !== 'pending') return 'skipped';
    const device = await this.dataSource.getRepository(Device).findOneBy({ id: job.data.deviceId });
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: ticket.siteId });
    const service = await this.dataSource.getRepository(Service).findOneByOrFail({ id: ticket.serviceId });
    const lang = (ticket.language in service.names ? ticket.language : 'da') as keyof typeof service.names;
    const bytes = escposReceipt({
      siteName: site.name,
      number: ticket.number,
      service: service.names[lang] ?? service.code,
      issuedAt: ticket.issuedAt.toLocaleString('da-DK', { timeZone: site.timezone }),
      waitText: receiptWait(ticket),
      url: `${this.config.urls.ticketing}/t/${ticket.trackingToken}`,
    });
    try {
      if (!device?.printerAddress) throw new Error('the kiosk has no printer address');
      // Again at print time: an address saved before the rule, or before PRINTER_ALLOWED_RANGES shrank, is not connected to.
      const problem = printerAddressProblem(device.printerAddress, this.allowedPrinters);
      if (problem) throw new UnrecoverableError(`printer address refused: ${problem.code}`);
      await sendToPrinter(parsePrinterAddress(device.printerAddress)!, bytes);
    } catch (err) {
      const printerFailures = (job.data.printerFailures ?? 0) + 1;
      const message = (err as Error).message;
      if (err instanceof UnrecoverableError || printerFailures >= PRINTER_ATTEMPTS || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await tickets.update({ id: ticket.id, printStatus: 'pending' }, { printStatus: 'failed' });
        throw new UnrecoverableError(message);
      }
      await job.updateData({ ...job.data, printerFailures });
      throw new PrinterError(message);
    }
    await tickets.update({ id: ticket.id, printStatus: 'pending' }, { printStatus: 'printed' });
    return 'printed';
  }

  /**
   * Prints the receipt of a time booked at a kiosk. Unlike a ticket's, nothing
   * waits for it: the code is on the kiosk's screen (large, to note or photograph),
   * so a printer that fails three times is given up on with a log line.
   */
  async processBooking(job: Pick<Job<PrintBookingJob>, 'data' | 'attemptsMade' | 'opts' | 'updateData'>): Promise<'printed' | 'skipped'> {
    const appointment = await this.dataSource.getRepository(Appointment).findOneBy({ id: job.data.appointmentId });
    if (!appointment || appointment.status !== 'booked') return 'skipped';
    const device = await this.dataSource.getRepository(Device).findOneBy({ id: job.data.deviceId });
    const site = await this.dataSource.getRepository(Site).findOneByOrFail({ id: appointment.siteId });
    const service = await this.dataSource.getRepository(Service).findOneByOrFail({ id: appointment.serviceId });
    const lang = appointment.language in BOOKING_RECEIPT_TEXTS ? appointment.language : 'da';
    const words = BOOKING_RECEIPT_TEXTS[lang];
    const when = new Intl.DateTimeFormat(words.locale, { timeZone: site.timezone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(appointment.startsAt);
    const bytes = escposBookingReceipt({
      siteName: site.name,
      heading: words.heading,
      code: appointment.bookingCode,
      service: service.names[lang as keyof typeof service.names] ?? service.code,
      when,
      hint: words.hint,
    });
    try {
      if (!device?.printerAddress) throw new UnrecoverableError('the kiosk has no printer address');
      const problem = printerAddressProblem(device.printerAddress, this.allowedPrinters);
      if (problem) throw new UnrecoverableError(`printer address refused: ${problem.code}`);
      await sendToPrinter(parsePrinterAddress(device.printerAddress)!, bytes);
    } catch (err) {
      const printerFailures = (job.data.printerFailures ?? 0) + 1;
      if (err instanceof UnrecoverableError || printerFailures >= PRINTER_ATTEMPTS) throw new UnrecoverableError((err as Error).message);
      await job.updateData({ ...job.data, printerFailures });
      throw new PrinterError((err as Error).message);
    }
    return 'printed';
  }
}

/** The wait as the receipt prints it: the whole minutes the ticket was shown, or "om lidt" for a range within a minute (issue 23). */
function receiptWait(t: Ticket): string {
  if (t.estimateLow === null) return '';
  if (t.estimateHighSeconds !== null && t.estimateHighSeconds <= 60) return 'om lidt';
  return `ca. ${t.estimateLow}-${t.estimateHigh} min`;
}
