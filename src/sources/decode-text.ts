const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** True when the first 8 KB hold a NUL byte: git's own test for binary content. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Decodes UTF-8, replacing broken sequences with U+FFFD so offsets stay meaningful. */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
