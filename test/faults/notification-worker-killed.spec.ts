import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SettableClock, seedBookableSite } from '../support/booking';
import { expectStatus } from '../support/http';
import { TestSmtp, startSmtp } from '../support/notify';
import { TestSystem, startSystem } from '../support/system';
import { until } from '../support/until';

jest.setTimeout(180_000);

const MONDAY_EARLY = '2027-03-22T06:00:00Z';
const LEASE_SECONDS = 6;
const ROOT = join(__dirname, '..', '..');

interface Worker {
  name: string;
  proc: ChildProcess;
  ready: Promise<void>;
}

/** A worker process of its own (test/support/notify-worker.ts), named in its SMTP greeting so the test can tell the two apart. */
function startWorker(name: string, env: Record<string, string>, smtp: TestSmtp): Worker {
  const workerEnv = { ...env, RUN_WORKERS: 'true', SMTP_URL: `${smtp.url}/?name=${name}` };
  const proc = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'test/support/notify-worker.ts'), JSON.stringify(workerEnv), MONDAY_EARLY], {
    cwd: ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    proc.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${err}`)));
  });
  return { name, proc, ready };
}

/**
 * Several workers, one killed with SIGKILL in the middle of a send (the SMTP
 * server holds its DATA unanswered): the other takes the message over once the
 * claim's lease ran out, and exactly one copy arrives. With both running, a
 * burst of bookings is sent once each.
 */
describe('notification dispatch with two worker processes, one killed mid-send', () => {
  let sys: TestSystem;
  let db: DataSource;
  let smtp: TestSmtp;
  const workers: Worker[] = [];
  const clock = new SettableClock(new Date(MONDAY_EARLY));

  beforeAll(async () => {
    smtp = await startSmtp();
    sys = await startSystem({
      clock,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'borgerservice@example.dk', NOTIFY_DISPATCH_MS: '100', NOTIFY_LEASE_SECONDS: String(LEASE_SECONDS), NOTIFY_RETRY_BASE_SECONDS: '1' },
    });
    db = new DataSource({ type: 'postgres', url: sys.env.DATABASE_URL });
    await db.initialize();
    workers.push(startWorker('worker-a', sys.env, smtp), startWorker('worker-b', sys.env, smtp));
    await Promise.all(workers.map((w) => w.ready));
  });
  afterAll(async () => {
    for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
    await db?.destroy();
    await sys?.stop();
    await smtp?.close();
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => m.mail.to && JSON.stringify(m.mail.to).includes(address));

  it('sends a burst of 12 confirmations once each while both workers run', async () => {
    const f = await seedBookableSite(sys, { counters: 4, minutes: 15, share: 1 });
    const slots = await sys.ticketing.get(`/public/sites/${f.slug}/appointment-slots?serviceId=${f.serviceId}&from=2027-03-24&to=2027-03-24`);
    const times = (slots.body.days[0].slots as { startsAt: string }[]).slice(0, 12);
    expect(times).toHaveLength(12);
    await Promise.all(
      times.map(async (t, i) =>
        expectStatus(await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: t.startsAt, contact: { email: `burst${i}@example.dk` } }), 201),
      ),
    );
    await until(async () => times.every((_, i) => mailsTo(`burst${i}@example.dk`).length >= 1), 30);
    await new Promise((r) => setTimeout(r, 1500)); // more passes of both workers
    const perAddress = times.map((_, i) => mailsTo(`burst${i}@example.dk`).length);
    expect(perAddress).toEqual(times.map(() => 1));
    const ids = smtp.received.map((m) => m.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a worker killed with SIGKILL while the SMTP server holds its DATA: the other sends it after the lease, exactly one arrives', async () => {
    const f = await seedBookableSite(sys, { counters: 1, minutes: 20, share: 0.5 });
    smtp.stallNext = true;
    const booked = await sys.ticketing.post(`/public/sites/${f.slug}/appointments`, { serviceId: f.serviceId, startsAt: '2027-03-24T09:00:00+01:00', contact: { email: 'killed@example.dk' } });
    expectStatus(booked, 201);
    const stalledBy = await until(async () => smtp.stalled[0], 20);
    const victim = workers.find((w) => w.name === stalledBy)!;
    const survivor = workers.find((w) => w.name !== stalledBy)!;
    const exited = new Promise((r) => victim.proc.once('exit', r));
    victim.proc.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    const claimed = (await db.query(`SELECT state, attempts, claimed_until FROM notification WHERE subject_id = $1 AND kind = 'booking-confirmation'`, [booked.body.id]))[0];
    expect(claimed).toMatchObject({ state: 'sending', attempts: 1 });

    const [mail] = await until(async () => (mailsTo('killed@example.dk').length ? mailsTo('killed@example.dk') : null), LEASE_SECONDS + 20);
    // Not before the lease ran out: nobody else may take a claimed row.
    expect(Date.now() - killedAt).toBeGreaterThan((LEASE_SECONDS - 2) * 1000);
    expect(mail.client).toBe(survivor.name);
    await new Promise((r) => setTimeout(r, 2000));
    expect(mailsTo('killed@example.dk')).toHaveLength(1);
    const row = (await db.query(`SELECT id, state, attempts FROM notification WHERE subject_id = $1 AND kind = 'booking-confirmation'`, [booked.body.id]))[0];
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    expect(mail.mail.messageId).toBe(`<notification-${row.id}@127.0.0.1>`);
    console.log(`killed ${victim.name} mid-send; ${survivor.name} sent the message ${((Date.now() - killedAt) / 1000).toFixed(1)} s later; copies received: 1`);
  });
});
