import { join } from 'node:path';
import { UnleakError } from '../errors.js';

/**
 * Where things live in a repository: `.unleak/secrets.<env>.sops.json` per environment and
 * `.unleak/audit.jsonl` for the audit trail.
 */

/** The directory unleak keeps its store and audit trail in, at the repository root. */
export const UNLEAK_DIR = '.unleak';

/** The environment used when none is named (and UNLEAK_ENV is unset). */
export const DEFAULT_ENV = 'default';

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Throws UNLEAK_ENV_INVALID unless the name is letters, digits, `-` and `_` (it becomes part of a file name). */
export function assertEnvName(env: string): void {
  if (!ENV_NAME.test(env)) {
    throw new UnleakError('UNLEAK_ENV_INVALID', `invalid environment name ${JSON.stringify(env)}`, {
      hint: 'Use letters, digits, - and _ (e.g. dev, staging, prod).',
    });
  }
}

/** The store file of an environment: <root>/.unleak/secrets.<env>.sops.json. */
export function storeFilePath(root: string, env: string): string {
  assertEnvName(env);
  return join(root, UNLEAK_DIR, `secrets.${env}.sops.json`);
}

/** The audit trail: <root>/.unleak/audit.jsonl. */
export function auditLogPath(root: string): string {
  return join(root, UNLEAK_DIR, 'audit.jsonl');
}

/** Matches the file names of environment stores inside `.unleak/`; group 1 is the environment. */
export const STORE_FILE_NAME = /^secrets\.([A-Za-z0-9][A-Za-z0-9_-]*)\.sops\.json$/;

/** The lock file guarding a file's read-modify-write. */
export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

/** Content of `.unleak/.gitignore`: lock and temporary files never belong in git. */
export const UNLEAK_GITIGNORE = '# written by unleak: locks and temporary files of interrupted writes\n*.lock\n*.tmp\n';
