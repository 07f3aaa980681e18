import { readFile } from 'node:fs/promises';
import { DataKeyError, unwrapDataKey, wrapDataKey } from './age-data-key.js';
import type { AgeIdentity } from './identity-file.js';
import { AUDIT_ANCHOR_KEY, isInternalKey, metaKey, pendingKey, previousKey } from './secret-layout.js';
import { SecretStore } from './secret-store.js';
import { decryptTree, encryptTree, TreeIntegrityError } from './sops-codec.js';
import { emitSopsJson, formatOfPath, parseSopsFile, type SopsFile } from './sops-formats.js';
import { lastModifiedAt, SOPS_FORMAT_VERSION, type SopsMetadata } from './sops-metadata.js';
import { DEFAULT_UNENCRYPTED_SUFFIX, hasRule, type SopsBranch } from './sops-tree.js';
import { identityMismatch, identityMissing, storeCorrupt, storeMacMismatch, storeNotFound } from './store-errors.js';

/**
 * Reading a store file into a {@link SecretStore} (parse, unwrap the data key, decrypt, check the
 * MAC) and encoding a store back to the JSON flavour. Every failure is an UnleakError with exit 2.
 */

/** Reads and decrypts a SOPS file (JSON, YAML or dotenv flavour by extension) and verifies its MAC. */
export async function readStoreFile(
  file: string,
  identities: AgeIdentity[],
  options: { env?: string; searched?: string[]; now?: () => Date } = {},
): Promise<SecretStore> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw storeNotFound(file, options.env);
    throw error;
  }
  let parsed: SopsFile;
  try {
    parsed = parseSopsFile(text, formatOfPath(file));
  } catch (error) {
    throw storeCorrupt(file, error instanceof Error ? error.message : 'unreadable', error);
  }
  const { metadata } = parsed;
  if (identities.length === 0) throw identityMissing(options.searched ?? ['(no identity sources given)']);
  let dataKey: Uint8Array;
  try {
    dataKey = await unwrapDataKey(
      metadata.age,
      identities.map((found) => found.identity),
    );
  } catch (error) {
    if (error instanceof DataKeyError && error.kind === 'no-match')
      throw identityMismatch(
        file,
        metadata.age.map((stanza) => stanza.recipient),
        identities.map((found) => found.recipient),
      );
    throw storeCorrupt(file, error instanceof Error ? error.message : 'the data key does not decrypt', error);
  }
  let decrypted: ReturnType<typeof decryptTree>;
  try {
    decrypted = decryptTree(parsed.data, metadata.rules, dataKey, metadata.mac, metadata.lastModified);
  } catch (error) {
    if (error instanceof TreeIntegrityError && error.kind === 'mac') throw storeMacMismatch(file);
    throw storeCorrupt(file, error instanceof Error ? error.message : 'a value does not decrypt', error);
  }
  return new SecretStore({
    file,
    format: parsed.format,
    plain: decrypted.plain,
    metadata,
    dataKey,
    cache: decrypted.cache,
    stanzas: new Map(metadata.age.map((stanza) => [stanza.recipient, stanza.enc])),
    recipients: metadata.age.map((stanza) => stanza.recipient),
    readOnlyReason: readOnlyReason(parsed),
    now: options.now ?? (() => new Date()),
  });
}

/** Metadata for a new, empty store file. */
export function newStoreMetadata(): SopsMetadata {
  return {
    age: [],
    lastModified: '',
    mac: '',
    rules: { unencryptedSuffix: DEFAULT_UNENCRYPTED_SUFFIX },
    version: SOPS_FORMAT_VERSION,
    otherKeyKinds: [],
  };
}

/**
 * Encodes a store as a SOPS JSON file: secrets sorted by name, each followed by its previous value
 * and metadata, unknown keys kept, the audit anchor (`unleak.audit_unencrypted`) last. Unchanged values keep their ciphertext.
 */
export async function encodeStoreFile(store: SecretStore): Promise<string> {
  const { state } = store;
  const lastModified = lastModifiedAt(state.now());
  const age = [];
  for (const recipient of state.recipients) {
    const enc = state.stanzas.get(recipient) ?? (await wrapDataKey(state.dataKey, recipient)).enc;
    state.stanzas.set(recipient, enc);
    age.push({ recipient, enc });
  }
  const { data, mac } = encryptTree(orderForWrite(state.plain), state.metadata.rules, state.dataKey, lastModified, state.cache);
  return emitSopsJson(data, { ...state.metadata, age, lastModified, mac });
}

function orderForWrite(plain: SopsBranch): SopsBranch {
  const ordered: SopsBranch = new Map();
  const names = [...plain.keys()].filter((key) => !isInternalKey(key)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    ordered.set(name, plain.get(name) ?? null);
    for (const key of [previousKey(name), pendingKey(name), metaKey(name)]) {
      const value = plain.get(key);
      if (value !== undefined) ordered.set(key, value);
    }
  }
  const anchor = plain.get(AUDIT_ANCHOR_KEY);
  if (anchor !== undefined) ordered.set(AUDIT_ANCHOR_KEY, anchor);
  return ordered;
}

function readOnlyReason(file: SopsFile): string | undefined {
  if (file.format !== 'json') return `it is a ${file.format} SOPS file; unleak writes the JSON flavour only`;
  if (file.metadata.otherKeyKinds.length > 0)
    return `it also has ${file.metadata.otherKeyKinds.join(', ')} keys, which unleak cannot re-encrypt`;
  const { rules } = file.metadata;
  if (hasRule(rules) && rules.unencryptedSuffix !== DEFAULT_UNENCRYPTED_SUFFIX)
    return 'it uses a custom encryption rule; unleak writes files with the default _unencrypted suffix only';
  return undefined;
}

/** The audit anchor of a store file, read without decrypting (undefined when absent or unreadable). */
export async function readAuditAnchor(file: string): Promise<string | undefined> {
  try {
    const parsed = parseSopsFile(await readFile(file, 'utf8'), formatOfPath(file));
    const anchor = parsed.data.get(AUDIT_ANCHOR_KEY);
    return typeof anchor === 'string' ? anchor : undefined;
  } catch {
    return undefined;
  }
}

/** The age recipients of a store file, read without decrypting. */
export async function readRecipients(file: string, env?: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw storeNotFound(file, env);
    throw error;
  }
  try {
    return parseSopsFile(text, formatOfPath(file)).metadata.age.map((stanza) => stanza.recipient);
  } catch (error) {
    throw storeCorrupt(file, error instanceof Error ? error.message : 'unreadable', error);
  }
}
