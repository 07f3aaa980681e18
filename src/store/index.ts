/**
 * src/store: the encrypted store. SOPS-format files (JSON written; JSON, YAML and dotenv read)
 * whose values are AES-256-GCM encrypted with a data key that is age-encrypted to each recipient,
 * plus the audit trail. This file is the room's door: import from here, nothing deeper.
 *
 * The API, in short:
 *
 *   // identities (private keys) and recipients (public keys)
 *   findIdentities(env) → { identities: AgeIdentity[], warnings, searched }
 *       order: UNLEAK_AGE_KEY_FILE, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, <config>/unleak/age/keys.txt,
 *       <config>/sops/age/keys.txt
 *   writeNewIdentityFile(path) → recipient          (mode 0600, never overwrites)
 *   defaultIdentityPath(env), assertRecipient(r)
 *
 *   // where a store is: StoreLocation = { root, env?, file? }   (default env: "default")
 *   resolveStoreFile(loc) → <root>/.unleak/secrets.<env>.sops.json
 *
 *   // reading: decrypts and checks the MAC; errors are UnleakErrors with exit code 2
 *   openStore({ ...loc, identities }) → SecretStore
 *   store.list() → SecretEntry[] { name, meta?, hasPrevious }       (never values)
 *   store.get(name) → string, store.getPrevious(name), store.getPending(name), store.values() → Map, store.recipients
 *   storeRecipients(loc) → string[]                                 (no identity needed)
 *
 *   // writing: under a lock, atomically, with one audit entry per change
 *   createStore({ ...loc, recipients, actor? }) → file
 *   updateStore({ ...loc, identities, actor? }, (store) => {
 *     store.set(name, value, { provider?, fingerprint?, leaked?, source?, createdAt?, keepPrevious?, action? })
 *     store.remove(name)
 *     store.updateMeta(name, { leaked: false })
 *     store.commitRotation(name) | store.restorePrevious(name)     // after set(..., { keepPrevious: true })
 *     store.setPending(name, value) | store.clearPending(name)     // a rotation's new value, before the provider change
 *     store.addRecipient(r) | store.removeRecipient(r)              // remove switches to a new data key
 *   }) → whatever the callback returns
 *
 *   // audit trail: .unleak/audit.jsonl, hash-chained, anchored in each store file
 *   recordAuditEvents(root, storeFile, [{ action, secret?, detail? }], { actor? })
 *   verifyAuditTrail(root, { identities?, env? }) → { entries, problems, warnings, notes }
 *       (problems empty ⇔ intact; each starts with a code from AUDIT_CODES): the chain, the log's
 *       git history (append-only), and each store file against its last entry (digest, recipients,
 *       anchor) and its MAC when an identity opens it
 *
 * No function here logs, and no error message contains a decrypted value. Imports src/engine and
 * src/fsutil only; never cli, sources, fix, rotate, action, report, scan or verify
 * (eslint.config.js).
 */

export { assertRecipient } from './age-data-key.js';
export { GENESIS_HASH, type AuditEntry, type AuditEvent } from './audit-log.js';
export { listStoreFiles, recordAuditEvents, verifyAuditTrail } from './audit-trail.js';
export { AUDIT_CODES, type AuditVerification } from './audit-verify.js';
export type { AuditTrailOptions } from './audit-trail.js';
export { childEnvironment, IDENTITY_VARIABLES, isSensitiveEnvName, type ChildEnvOptions } from './child-env.js';
export { parseDotenv, type DotenvAssignment, type DotenvParse, type DotenvProblem } from './dotenv-syntax.js';
export { isGitIgnored, isGitTracked, resolveActor, resolveRepoRoot } from './git-info.js';
export { configDir, defaultIdentityPath, findIdentities, sopsDefaultIdentityPath, type IdentityLookup } from './identity-discovery.js';
export { parseIdentities, permissionWarning, writeNewIdentityFile, type AgeIdentity } from './identity-file.js';
export { assertSecretName, type SecretMeta, type SecretTarget } from './secret-layout.js';
export { SecretStore } from './secret-store.js';
export { identityMissing } from './store-errors.js';
export {
  createStore,
  openStore,
  resolveStoreFile,
  storeRecipients,
  updateStore,
  type StoreAccess,
  type StoreLocation,
} from './store-session.js';
export { assertEnvName, auditLogPath, DEFAULT_ENV, storeFilePath, UNLEAK_DIR } from './store-paths.js';
export type { SecretEntry, SetSecretOptions } from './store-types.js';
