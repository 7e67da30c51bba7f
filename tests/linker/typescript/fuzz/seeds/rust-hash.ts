// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_rust_hash_fnv1a64(text: string): bigint;
declare function js_rust_hash_fnv1a64_seeded(text: string, basis: bigint): bigint;
declare function js_rust_hash_crc32(data: Uint8Array): number;
declare function js_rust_hash_sha256(data: Uint8Array): string;
declare function js_rust_hash_sha256_async(data: Uint8Array): Promise<string>;

/** FNV-1a 64 of the text's UTF-8 bytes, as an unsigned 64-bit BigInt. */
export function fnv1a64(text: string): bigint {
  return js_rust_hash_fnv1a64(text);
}

/** The same from another offset basis, given as a BigInt in [-2^63, 2^63) (its 64 bits). */
export function fnv1a64Seeded(text: string, basis: bigint): bigint {
  return js_rust_hash_fnv1a64_seeded(text, basis);
}

/** CRC-32 of the bytes, as zlib and gzip compute it. */
export function crc32(data: Uint8Array): number {
  return js_rust_hash_crc32(data);
}

/** SHA-256 of the bytes, in lowercase hex. */
export function sha256(data: Uint8Array): string {
  return js_rust_hash_sha256(data);
}

/** The same on the blocking pool, for large inputs. */
export function sha256Async(data: Uint8Array): Promise<string> {
  return js_rust_hash_sha256_async(data);
}
