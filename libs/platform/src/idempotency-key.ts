import { invalid } from '@skranke/domain';

/** An Idempotency-Key is opaque to us but must be short and printable. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.length > 200 || !/^[\x21-\x7e]+$/.test(header)) {
    throw invalid('invalid_idempotency_key', 'Idempotency-Key must be 1-200 printable ASCII characters.');
  }
  return header;
}
