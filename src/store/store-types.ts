import type { CiphertextCache } from './sops-codec.js';
import type { SopsFormat } from './sops-formats.js';
import type { SopsMetadata } from './sops-metadata.js';
import type { SopsBranch } from './sops-tree.js';
import type { SecretMeta } from './secret-layout.js';

/** A secret as listed: its name and metadata, never its value. */
export interface SecretEntry {
  name: string;
  meta?: SecretMeta;
  /** True while a rotation keeps the previous value (see {@link SecretStore.commitRotation}). */
  hasPrevious: boolean;
}

/** Options of {@link SecretStore.set}. Metadata fields not given keep their current value. */
export interface SetSecretOptions extends Partial<SecretMeta> {
  /** Keep the current value as the previous one (rotation); the change counts once committed. */
  keepPrevious?: boolean;
  /** Audit action to record (default `set`, or `rotate` with keepPrevious). */
  action?: string;
  detail?: string;
}

/** The decrypted state a store is built from (see store-file.ts). */
export interface StoreState {
  file: string;
  format: SopsFormat;
  plain: SopsBranch;
  metadata: SopsMetadata;
  dataKey: Uint8Array;
  cache: CiphertextCache;
  /** Encrypted data keys by recipient, valid for `dataKey`. */
  stanzas: Map<string, string>;
  recipients: string[];
  readOnlyReason?: string;
  now: () => Date;
}
