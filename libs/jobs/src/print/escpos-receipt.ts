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

/** C0 and C1 controls (ESC and GS among them), DEL, and Unicode's line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A text given to the encoder as printable ASCII only: every run of control characters
 * becomes one space, so a name can neither start a line of its own nor send a printer
 * command; Danish letters folded, anything else '?'. Lines and commands are the encoder's.
 */
const text = (s: string) =>
  Buffer.from(
    s
      .replace(CONTROLS, ' ')
      .replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')
      .replace(/Æ/g, 'AE').replace(/Ø/g, 'OE').replace(/Å/g, 'AA')
      .replace(/[^\x20-\x7e]/g, '?'),
    'ascii',
  );

const LF = (n = 1) => Buffer.from('\n'.repeat(n), 'ascii');

function qrCode(data: string): Buffer {
  const payload = text(data);
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
    text(r.siteName),
    LF(2),
    Buffer.from([GS, 0x21, 0x33]), // 4x size
    text(r.number),
    LF(),
    Buffer.from([GS, 0x21, 0x00]),
    LF(),
    ...[r.service, r.waitText, r.issuedAt].flatMap((line) => [text(line), LF()]),
    LF(),
    qrCode(r.url),
    LF(3),
    Buffer.from([GS, 0x56, 0x42, 0x00]), // feed and cut
  ]);
}

/** A booked time's receipt (the kiosk's "next free time"): site, what it is, the big booking code, service, time, and what to do. */
export interface BookingReceiptContent {
  siteName: string;
  heading: string;
  code: string;
  service: string;
  when: string;
  hint: string;
}

export function escposBookingReceipt(r: BookingReceiptContent): Buffer {
  return Buffer.concat([
    Buffer.from([ESC, 0x40]),
    Buffer.from([ESC, 0x61, 0x01]),
    text(r.siteName),
    LF(2),
    text(r.heading),
    LF(),
    Buffer.from([GS, 0x21, 0x22]), // 3x size: six letters fit 80 mm
    text(r.code),
    LF(),
    Buffer.from([GS, 0x21, 0x00]),
    LF(),
    ...[r.service, r.when, '', r.hint].flatMap((line) => [text(line), LF()]),
    LF(3),
    Buffer.from([GS, 0x56, 0x42, 0x00]),
  ]);
}
