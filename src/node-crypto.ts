import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';

const requireBuiltin = createRequire(import.meta.url);
let loaded: typeof Crypto | undefined;

/**
 * node:crypto, loaded on first use rather than with the module that needs it: loading it costs
 * ~5 ms, a pre-commit hook's scan that finds nothing never hashes or parses a key, and every
 * scan imports the fingerprint and key-check code.
 */
export function nodeCrypto(): typeof Crypto {
  return (loaded ??= requireBuiltin('node:crypto') as typeof Crypto);
}
