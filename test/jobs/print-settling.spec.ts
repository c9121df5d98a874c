import { AddressInfo, Server, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { Clock } from '../../libs/core/src/clock';
import { printJob } from '../../libs/jobs/src/print/print-ticket.processor';
import { JobName, QueueName } from '../../libs/jobs/src/queue-names';
import { Queues } from '../../libs/jobs/src/queues';
import { ScheduleReconciler } from '../../libs/jobs/src/schedule-reconciler';
import { SiteFixture, seedSite, setKioskPrinter } from '../support/fixtures';
import { expectStatus } from '../support/http';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

/** Real time plus whatever the test adds. */
class LaterClock extends Clock {
  ahead = 0;
  now(): Date {
    return new Date(Date.now() + this.ahead);
  }
}

/**
 * A receipt print never stays `pending`: the ScheduleReconciler queues again a
 * print whose job Redis no longer holds, and marks failed one whose job gave
 * up (its attempts met a database that was down) or that is past its deadline.
 */
describe('pending prints are settled', () => {
  const clock = new LaterClock();
  let sys: TestSystem;
  let f: SiteFixture;
  let printer: Server;
  const received: Buffer[] = [];

  beforeAll(async () => {
    sys = await startSystem({ runWorkers: true, clock, env: { PRINTER_ALLOWED_RANGES: '127.0.0.0/8', PRINT_RETRY_BASE_MS: '10', SCHEDULE_RECONCILE_SECONDS: '3600' } });
    f = await seedSite(sys);
    printer = createServer((socket) => socket.on('data', (d) => received.push(d)));
    await new Promise<void>((r) => printer.listen(0, '127.0.0.1', r));
    await setKioskPrinter(sys, f, `127.0.0.1:${(printer.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    printer.close();
    await sys.stop();
  });

  const queue = () => sys.apps[0].get(Queues).get(QueueName.Print);
  const check = () => sys.apps[0].get(ScheduleReconciler).check();
  const printStatus = async (id: string) => (await sys.apps[0].get(DataSource).query('SELECT print_status FROM ticket WHERE id = $1', [id]))[0].print_status;

  /** A kiosk ticket whose print job is gone before it ran, as when Redis restarts empty. */
  async function ticketWithLostPrint() {
    await queue().pause();
    const res = await sys.ticketing.as(f.tokens.kiosk).post(`/sites/${f.siteId}/tickets`, { serviceId: f.services[0].id });
    expectStatus(res, 201);
    const jobId = printJob(res.body.id, '').opts.jobId;
    const job = await until(() => queue().getJob(jobId), 5);
    await job.remove();
    return res.body;
  }

  it('a print whose job was lost is queued again and printed', async () => {
    const ticket = await ticketWithLostPrint();
    await queue().resume();
    await check();
    expect(await until(async () => (await printStatus(ticket.id)) === 'printed', 10)).toBe(true);
    expect(Buffer.concat(received).toString('latin1')).toContain(ticket.number);
  });

  it('a print whose job was lost and whose time has passed is failed, not printed late', async () => {
    const ticket = await ticketWithLostPrint();
    clock.ahead = 10 * 60_000;
    try {
      await check();
    } finally {
      clock.ahead = 0;
      await queue().resume();
    }
    expect(await printStatus(ticket.id)).toBe('failed');
    expect(Buffer.concat(received).toString('latin1')).not.toContain(ticket.number);
  });

  it('a print whose attempts all failed on something other than the printer is failed', async () => {
    const ticket = await ticketWithLostPrint();
    // Its job fails in the database on every attempt, as during an outage (here: a device id that is no uuid).
    const { opts } = printJob(ticket.id, '');
    await queue().add(JobName.PrintTicket, { ticketId: ticket.id, deviceId: 'not-a-uuid' }, opts);
    await queue().resume();
    await until(async () => (await queue().getJobState(opts.jobId)) === 'failed', 20);
    expect(await printStatus(ticket.id)).toBe('pending');
    await check();
    expect(await printStatus(ticket.id)).toBe('failed');
  });
});
