/** The SHA-256 that identifies the bars of a run taken from the cache. */
import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of columns: for each column in the order given, its float64 values in
 * little-endian byte order. The cache hashes time, open, high, low, close, volume, then extra
 * columns by name.
 */
export function hashColumns(columns: readonly Float64Array[]): string {
  const hash = createHash('sha256');
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (const column of columns) {
    const bytes = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
    if (little) hash.update(bytes);
    else {
      const copy = Buffer.from(bytes);
      copy.swap64();
      hash.update(copy);
    }
  }
  return hash.digest('hex');
}
