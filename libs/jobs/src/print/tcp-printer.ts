import { Socket } from 'node:net';

/** Sends bytes to a raw TCP receipt printer (port 9100) and resolves once the printer has them all. */
export function sendToPrinter(address: string, bytes: Buffer, timeoutMs = 5000): Promise<void> {
  const [host, portText] = address.split(':');
  const port = Number(portText ?? 9100) || 9100;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`printer ${address} timed out`)));
    socket.once('error', reject);
    socket.connect(port, host, () => socket.end(bytes, () => resolve()));
  });
}
