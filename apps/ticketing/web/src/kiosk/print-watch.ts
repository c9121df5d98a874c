import { KioskApi, printStatus } from './kiosk-api';

/** About 40 s of asking, quick at first: a refused connection fails in a second or two, a printer that times out in about 20. */
const DELAYS_MS = [1000, 1000, 1500, 2000, 2500, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000];

/**
 * While the ticket screen is up, asks how the network receipt print went and
 * calls `failed` once the print job has given up. Stops when the screen is
 * gone, when the ticket printed, or after the last delay.
 */
export async function watchPrint(api: KioskApi, ticketId: string, screen: Element, failed: () => void): Promise<void> {
  for (const delay of DELAYS_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!screen.isConnected) return;
    const status = await printStatus(api, ticketId).then(
      (p) => p.printStatus,
      () => 'pending', // no answer this time: ask again
    );
    if (!screen.isConnected) return;
    if (status === 'failed') return failed();
    if (status !== 'pending') return;
  }
}
