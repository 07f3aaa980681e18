/**
 * Every error code unleak prints (`unleak: error CODE: message`, JSON and Action output) and every
 * problem code `unleak audit verify` prints, with its one-line meaning. One table, as sops keeps
 * `codes.go`: `UnleakError` takes only a key of it, so tsc rejects an unknown or misspelt code, and
 * docs/errors.md lists exactly these keys (a test compares them). A code is stable: rename one
 * only to merge synonyms, and say so in the changelog.
 */
export const ERROR_CODES = {
  UNLEAK_ABORTED: 'The user interrupted an interactive prompt (Ctrl-C or end of input); exits 130.',
  UNLEAK_ACTION_EVENT: 'The GitHub Action cannot scan this event: its payload lacks what the chosen mode needs.',
  UNLEAK_ACTION_INPUT: 'An input of the GitHub Action (`with:`) is invalid.',
  UNLEAK_AUDIT_CHAIN_BROKEN: 'audit verify: an entry of .unleak/audit.jsonl was edited, reordered or removed (its hash chain breaks).',
  UNLEAK_AUDIT_ENTRY_MISSING:
    'audit verify: the audit entry a store file records as its last is missing from the log (entries were removed).',
  UNLEAK_AUDIT_REWRITTEN:
    "audit verify: a commit's audit log, or the working copy, does not start with the previously committed log (not append-only).",
  UNLEAK_BAD_REVISION: 'A revision in --range is unknown to git.',
  UNLEAK_BASELINE_INVALID: 'The baseline file cannot be read or is not an unleak baseline.',
  UNLEAK_CONFIG_INVALID: 'The config file (or a setting in it) has problems; every problem is listed.',
  UNLEAK_CONFIG_NOT_FOUND: 'The config file given with --config does not exist.',
  UNLEAK_CONFIRMATION_REQUIRED: 'The command changes files or history and needs --yes (or an answer at a terminal).',
  UNLEAK_ENV_INVALID: 'The environment name (--env, $UNLEAK_ENV) is empty or not letters, digits, - and _.',
  UNLEAK_FILTER_REPO_MISSING: 'purge needs git filter-repo, which is not installed.',
  UNLEAK_FINGERPRINT_SALT_INVALID: 'The repository fingerprint salt (.unleak/fingerprint-salt) is unreadable or malformed.',
  UNLEAK_FINGERPRINT_SALT_UNWRITABLE: 'A baseline needs the repository fingerprint salt, which cannot be written.',
  UNLEAK_FIX_CHECK_FAILED: 'A file no longer parses after fix rewrote it; the fix was rolled back.',
  UNLEAK_FIX_INTERRUPTED: 'fix was interrupted before it wrote anything.',
  UNLEAK_FIX_RESTORE_FAILED: 'fix failed and some files could not be restored; they are listed.',
  UNLEAK_FIX_ROLLED_BACK: 'fix failed; every file and the store were restored, nothing changed.',
  UNLEAK_FIX_STALE: 'A file changed between planning and applying the fix.',
  UNLEAK_GIT_FAILED: 'A git command failed or git is missing.',
  UNLEAK_HOOK_CONFLICT: "A pre-commit hook that is not unleak's is already installed.",
  UNLEAK_HUSKY_MISSING: 'hook install --husky: husky is not set up in this repository.',
  UNLEAK_IDENTITY_EXISTS: 'An age identity file already exists where a new one would be written; it is never overwritten.',
  UNLEAK_IDENTITY_INVALID: 'An age identity (key file or variable) is malformed.',
  UNLEAK_IDENTITY_MISMATCH: 'None of your age identities can decrypt the store.',
  UNLEAK_IDENTITY_MISSING: 'No age identity was found, or a variable names a key file that does not exist.',
  UNLEAK_IDENTITY_UNREADABLE: 'An age key file exists but cannot be read.',
  UNLEAK_IMPORT_INVALID: 'The file given to secrets import has malformed lines or names; nothing was imported.',
  UNLEAK_INTERNAL: 'An unexpected failure (a bug in unleak); set UNLEAK_DEBUG=1 for the stack trace.',
  UNLEAK_NOT_A_REPO: 'The command needs a git repository and none was found at the folder given or the current one.',
  UNLEAK_NO_PREVIOUS: 'A store entry has no previous value to restore (no rotation in progress).',
  UNLEAK_NO_WORK_TREE: 'The git repository has no work tree (bare), and the command needs one.',
  UNLEAK_PATH_NOT_FOUND: 'A file or folder given to scan does not exist (a glob pattern that matches nothing is not an error).',
  UNLEAK_PURGE_DIRTY_TREE: 'purge needs a clean work tree; commit or stash first.',
  UNLEAK_PURGE_FAILED: 'git filter-repo could not be started or failed; the repository was restored.',
  UNLEAK_PURGE_INTERRUPTED: 'An earlier purge was interrupted and left refs behind that must be dealt with first.',
  UNLEAK_PURGE_UNVERIFIED: 'After the purge a value was still found in history (or the check failed); the backup was restored.',
  UNLEAK_READ_FAILED: 'An input file (template, file to import) cannot be read.',
  UNLEAK_RECIPIENT_INVALID: 'An age recipient (public key) is malformed.',
  UNLEAK_RECIPIENT_LAST: 'The last recipient of a store cannot be removed.',
  UNLEAK_RECIPIENT_MISSING: 'store init: no --recipient given and no identity of yours found to encrypt to.',
  UNLEAK_RECIPIENT_UNKNOWN: 'The recipient to remove is not a recipient of the store.',
  UNLEAK_RENDER_MISSING: 'The template references secrets the store does not have.',
  UNLEAK_REPORT_INVALID: 'The file is not an unleak JSON report (version 1).',
  UNLEAK_ROTATION_COMPOSED: 'The entry is composed of other entries and holds no credential of its own to rotate.',
  UNLEAK_ROTATION_CONFIG: 'A rotation provider lacks a setting or credential it needs (options, admin URL, passEnv).',
  UNLEAK_ROTATION_CONFLICT: 'The entry changed in the store while it was being rotated.',
  UNLEAK_ROTATION_FAILED: 'A rotation step failed for a reason outside the provider; the rotation was rolled back.',
  UNLEAK_ROTATION_INTERRUPTED: 'A rotation was stopped on request (signal); the message says what state it left.',
  UNLEAK_ROTATION_NETWORK: 'A provider could not be reached (network, DNS, TLS); nothing is retried.',
  UNLEAK_ROTATION_NOTHING_PENDING: 'rotate --finish: the entry has no rotation to finish.',
  UNLEAK_ROTATION_NOT_REVOKED: 'The old credential still worked after it was revoked; the rotation was rolled back.',
  UNLEAK_ROTATION_NO_PROVIDER: 'No rotation provider matches the entry.',
  UNLEAK_ROTATION_NO_WORKING_VALUE: 'rotate --finish: neither the previous nor the new value works.',
  UNLEAK_ROTATION_PENDING: 'The entry is in the middle of a rotation; finish it first.',
  UNLEAK_ROTATION_PROVIDER_FAILED: 'The provider (service, API, script) refused or failed a step; the rotation was rolled back.',
  UNLEAK_ROTATION_PROVIDER_LOAD: 'A custom rotation provider module cannot be loaded.',
  UNLEAK_ROTATION_ROLLBACK_FAILED: 'A rotation failed and rolling it back at the provider failed too; check the provider by hand.',
  UNLEAK_ROTATION_STORE_FAILED: 'The provider side finished but the store could not be updated to match.',
  UNLEAK_ROTATION_TEST_FAILED: 'The new credential did not work against the real system; the rotation was rolled back.',
  UNLEAK_ROTATION_UNCERTAIN: 'A rotation failed in a way that leaves the provider state unknown; check it by hand.',
  UNLEAK_ROTATION_VALUE_UNUSABLE: 'The stored value does not have the shape the provider needs.',
  UNLEAK_RULE_INVALID: 'A rule file has problems; every problem is listed.',
  UNLEAK_RUN_FILE_EXISTS: 'run --file: the target file already exists and is never overwritten.',
  UNLEAK_RUN_FILE_INVALID: 'run --file: the specification is malformed.',
  UNLEAK_RUN_SPAWN_FAILED: 'run: the command cannot be started (not found or not executable).',
  UNLEAK_SECRET_NAME_INVALID: 'A secret name is not letters, digits and _ (not starting with a digit), or is reserved.',
  UNLEAK_SECRET_NOT_FOUND: 'The store has no secret of that name.',
  UNLEAK_SHALLOW_CLONE: 'The clone is shallow and lacks the commits the scan needs (fetch more history, fetch-depth: 0).',
  UNLEAK_STORE_CORRUPT: 'The store file cannot be parsed or decrypted as a SOPS file.',
  UNLEAK_STORE_EXISTS: 'store init: a store already exists at that path.',
  UNLEAK_STORE_LOCKED: 'Another unleak process holds the store lock.',
  UNLEAK_STORE_MAC_MISMATCH: 'The store file MAC does not match: it was changed outside sops/unleak or is damaged.',
  UNLEAK_STORE_NOT_FOUND: 'No store file for the environment; create it with store init.',
  UNLEAK_STORE_READ_ONLY: 'The store file is in a flavour or shape unleak reads but does not write (YAML, dotenv, foreign layout).',
  UNLEAK_STORE_RECIPIENTS_UNRECORDED: 'audit verify: the store has recipients that no init or recipient entry of the audit log explains.',
  UNLEAK_STORE_REINITIALISED: 'audit verify: the store was initialised a second time (replaced).',
  UNLEAK_STORE_ROLLED_BACK: 'audit verify: the store file misses writes the audit log records (an older copy was put back).',
  UNLEAK_STORE_TAMPERED: 'Values were changed, added or removed outside unleak (audit verify: digest, anchor or MAC).',
  UNLEAK_STORE_UNWRITABLE: 'The store folder is not writable (the lock cannot be created).',
  UNLEAK_UNREADABLE: 'Some content could not be read, so the scan is incomplete.',
  UNLEAK_USAGE: 'A command-line mistake: an unknown or missing option, or options that do not go together.',
  UNLEAK_VALUE_EMPTY: 'No value was given for the secret (empty stdin or prompt).',
  UNLEAK_VERIFY_NO_VALUES: 'verify: the report holds no raw values (it was written without --reveal).',
  UNLEAK_WRITE_FAILED: 'A file cannot be written (report, baseline, rendered file, store, audit log, fixed file); nothing changed.',
} as const satisfies Record<string, string>;

/** Codes merged into another (synonyms), old name → the code now used; listed in docs/errors.md. */
export const MERGED_CODES = {
  UNLEAK_ACTION_NO_REPOSITORY: 'UNLEAK_NOT_A_REPO',
  UNLEAK_ACTION_SHALLOW: 'UNLEAK_SHALLOW_CLONE',
  UNLEAK_FORMAT_INVALID: 'UNLEAK_USAGE',
  UNLEAK_IMPORT_UNREADABLE: 'UNLEAK_READ_FAILED',
  UNLEAK_NOT_A_REPOSITORY: 'UNLEAK_NOT_A_REPO',
  UNLEAK_OUTPUT_FAILED: 'UNLEAK_WRITE_FAILED',
  UNLEAK_RENDER_UNREADABLE: 'UNLEAK_READ_FAILED',
} as const satisfies Record<string, keyof typeof ERROR_CODES>;

/** A stable error code: a key of ERROR_CODES. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `code` is a key of ERROR_CODES (for codes that crossed a process boundary). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
