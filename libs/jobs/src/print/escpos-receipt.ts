/**
 * The bytes of an 80 mm ESC/POS receipt: site, big ticket number, service,
 * estimate, a QR code to the citizen's ticket page, then a cut. Plain ASCII
 * text (Danish letters folded) so any ESC/POS printer prints it.
 */
export interface ReceiptContent {
  siteName: string;
  number: string;
  service: string;
  issuedAt: string;
  waitText: string;
  url: string;
}

const ESC = 0x1b;
const GS = 0x1d;

const text = (s: string) =>
  Buffer.from(
    s
      .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')
      .replace(/Æ/g, 'AE').replace(/Ø/g, 'OE').replace(/Å/g, 'AA')
      .replace(/[^\x20-\x7e\n]/g, '?'),
    'ascii',
  );

function qrCode(data: string): Buffer {
  const payload = Buffer.from(data, 'ascii');
  const len = payload.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]), // model 2
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06]), // module size 6
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]), // error correction M
    Buffer.from([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]), // print
  ]);
}

export function escposReceipt(r: ReceiptContent): Buffer {
  return Buffer.concat([
    Buffer.from([ESC, 0x40]), // initialise
    Buffer.from([ESC, 0x61, 0x01]), // centre
    text(`${r.siteName}\n\n`),
    Buffer.from([GS, 0x21, 0x33]), // 4x size
    text(`${r.number}\n`),
    Buffer.from([GS, 0x21, 0x00]),
    text(`\n${r.service}\n${r.waitText}\n${r.issuedAt}\n\n`),
    qrCode(r.url),
    text('\n\n\n'),
    Buffer.from([GS, 0x56, 0x42, 0x00]), // feed and cut
  ]);
}
