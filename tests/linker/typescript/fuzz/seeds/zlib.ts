// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_zlib_compress(data: Uint8Array, level: number): Buffer;
declare function js_zlib_decompress(data: Uint8Array): Buffer;
declare function js_zlib_crc32(data: Uint8Array): number;
declare function js_zlib_version(): string;

/** The zlib format (RFC 1950) of `data`; `level` 0 (store) to 9 (smallest), -1 zlib's default.
 * Throws a RangeError (code ERR_OUT_OF_RANGE) for any other level. */
export function compress(data: Uint8Array, level: number = -1): Buffer {
  return js_zlib_compress(data, level);
}

/** The bytes `compress` packed. Corrupt input throws an Error with zlib's message and code
 * (Z_DATA_ERROR; Z_BUF_ERROR for input that ends early). */
export function decompress(data: Uint8Array): Buffer {
  return js_zlib_decompress(data);
}

/** CRC-32 of the bytes, as zlib and gzip compute it. */
export function crc32(data: Uint8Array): number {
  return js_zlib_crc32(data);
}

/** The version of the zlib the program was linked with. */
export function zlibVersion(): string {
  return js_zlib_version();
}
