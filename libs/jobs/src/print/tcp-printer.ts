import { Socket } from 'node:net';
import type { PrinterTarget } from './printer-address';

/** Sends bytes to a raw TCP receipt printer and resolves once the printer has them all. */
export function sendToPrinter(target: PrinterTarget, bytes: Buffer, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`printer ${target.host}:${target.port} timed out`)));
    socket.once('error', reject);
    socket.connect(target.port, target.host, () => socket.end(bytes, () => resolve()));
  });
}
