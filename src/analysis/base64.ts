/**
 * Bytes -> base64 without spreading a whole image into one call (String.fromCharCode(...bytes)
 * overflows the stack above ~100k arguments). Pure; runs in the browser, workers and Node.
 */
const CHUNK_BYTES = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK_BYTES));
  }
  return btoa(binary);
}
