import * as z from 'zod';
import { storeRegex, type EncryptionRules } from './sops-tree.js';

/** One age recipient of a SOPS file and the file's data key encrypted to it (ASCII-armored age). */
export interface AgeStanza {
  recipient: string;
  enc: string;
}

/** The `sops` metadata of a file, in the form unleak works with. */
export interface SopsMetadata {
  age: AgeStanza[];
  /** As written in the file; see {@link macAad} for the form used as additional data. */
  lastModified: string;
  /** The encrypted MAC (`ENC[...]`). */
  mac: string;
  rules: EncryptionRules;
  version: string;
  /** Key kinds unleak does not handle (pgp, kms, …, key_groups); non-empty means unleak will not rewrite the file. */
  otherKeyKinds: string[];
}

const listOrNull = z.array(z.unknown()).nullish();
const rawMetadata = z.looseObject({
  age: z.array(z.object({ recipient: z.string(), enc: z.string() })).nullish(),
  lastmodified: z.string(),
  mac: z.string(),
  unencrypted_suffix: z.string().nullish(),
  encrypted_suffix: z.string().nullish(),
  unencrypted_regex: z.string().nullish(),
  encrypted_regex: z.string().nullish(),
  mac_only_encrypted: z.boolean().nullish(),
  version: z.union([z.string(), z.number()]).transform(String),
  kms: listOrNull,
  gcp_kms: listOrNull,
  azure_kv: listOrNull,
  hc_vault: listOrNull,
  pgp: listOrNull,
  key_groups: listOrNull,
});

/** The sops version unleak writes into new files (the format it follows). */
export const SOPS_FORMAT_VERSION = '3.9.0';

/** Validates the `sops` object of a file; throws an Error naming the first bad field (no values inside). */
export function parseMetadata(raw: unknown): SopsMetadata {
  const result = rawMetadata.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`sops metadata: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  const m = result.data;
  const otherKeyKinds = (['kms', 'gcp_kms', 'azure_kv', 'hc_vault', 'pgp', 'key_groups'] as const).filter(
    (kind) => (m[kind]?.length ?? 0) > 0,
  );
  const rules: EncryptionRules = {};
  if (m.unencrypted_suffix) rules.unencryptedSuffix = m.unencrypted_suffix;
  if (m.encrypted_suffix) rules.encryptedSuffix = m.encrypted_suffix;
  if (m.unencrypted_regex) rules.unencryptedRegex = m.unencrypted_regex;
  if (m.encrypted_regex) rules.encryptedRegex = m.encrypted_regex;
  if (m.mac_only_encrypted) rules.macOnlyEncrypted = true;
  for (const [field, source] of [
    ['unencrypted_regex', rules.unencryptedRegex],
    ['encrypted_regex', rules.encryptedRegex],
  ] as const) {
    if (source === undefined) continue;
    try {
      storeRegex(source);
    } catch {
      throw new Error(`sops metadata: ${field}: not a valid RE2 pattern`);
    }
  }
  if ([rules.unencryptedSuffix, rules.encryptedSuffix, rules.unencryptedRegex, rules.encryptedRegex].filter(Boolean).length > 1) {
    throw new Error('sops metadata: more than one of unencrypted_suffix, encrypted_suffix, unencrypted_regex, encrypted_regex');
  }
  return { age: m.age ?? [], lastModified: m.lastmodified, mac: m.mac, rules, version: m.version, otherKeyKinds };
}

/** The object written as `sops` in a JSON file, keys in the order sops itself writes them. */
export function metadataToObject(metadata: SopsMetadata): Record<string, unknown> {
  const out: Record<string, unknown> = {
    age: metadata.age.map((stanza) => ({ recipient: stanza.recipient, enc: stanza.enc })),
    lastmodified: metadata.lastModified,
    mac: metadata.mac,
  };
  const { rules } = metadata;
  if (rules.unencryptedSuffix) out.unencrypted_suffix = rules.unencryptedSuffix;
  if (rules.encryptedSuffix) out.encrypted_suffix = rules.encryptedSuffix;
  if (rules.unencryptedRegex) out.unencrypted_regex = rules.unencryptedRegex;
  if (rules.encryptedRegex) out.encrypted_regex = rules.encryptedRegex;
  if (rules.macOnlyEncrypted) out.mac_only_encrypted = true;
  out.version = metadata.version;
  return out;
}

/**
 * The additional data the MAC is encrypted with: `lastmodified` as Go formats time.RFC3339
 * (whole seconds; `Z` for UTC), which is what sops uses after parsing the field.
 */
export function macAad(lastModified: string): string {
  return lastModified.replace(/\.\d+(?=Z$|[+-]\d\d:\d\d$)/, '').replace(/[+-]00:00$/, 'Z');
}

/** `lastmodified` for a write at `now`: UTC, whole seconds, `Z`. */
export function lastModifiedAt(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
