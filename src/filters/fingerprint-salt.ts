import { execFileSync } from 'node:child_process';
import { nodeCrypto } from '../node-crypto.js';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';

/** Where a repository keeps the key of its fingerprints, relative to the scanned root. Committed with the repository. */
export const SALT_FILE = '.unleak/fingerprint-salt';

const HEADER =
  '# unleak fingerprint salt: keys the fingerprints of reports and baselines (HMAC-SHA-256). Commit this file; changing it invalidates baselines.';

/**
 * Where the key of a scan's fingerprints came from: the salt file (`file`), the salt committed
 * at HEAD (`head`), the repository's root commits (`repository`), a salt this run wrote
 * (`created`), or nothing stable (`one-off`).
 */
export type SaltSource = 'file' | 'head' | 'repository' | 'created' | 'one-off';

/** A fingerprint key and where it came from. */
export interface FingerprintSalt {
  key: Buffer;
  source: SaltSource;
}

let processKey: Buffer | undefined;

/**
 * The key of `one-off` fingerprints: random, the same for every scan of this process (so `fix`
 * can compare its scan before and after), never written anywhere.
 */
export function oneOffKey(): Buffer {
  return (processKey ??= nodeCrypto().randomBytes(32));
}

function parseSalt(text: string, where: string): Buffer {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (!line || !/^[0-9a-f]{64}$/.test(line)) {
    throw new UnleakError('UNLEAK_FINGERPRINT_SALT_INVALID', `${where} does not hold a fingerprint salt (64 hex digits)`, {
      hint: `Restore it from git (\`git checkout -- ${SALT_FILE}\`); a new salt means baselines must be created again.`,
    });
  }
  return Buffer.from(line, 'hex');
}

function git(root: string, env: NodeJS.ProcessEnv | undefined, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: root,
      env: env ?? process.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
      maxBuffer: 16 << 20,
    });
  } catch {
    return undefined;
  }
}

/** The salt committed at HEAD, for a bare repository or a sub-folder of a work tree (a work-tree top has the file itself). */
function committedSalt(root: string, env: NodeJS.ProcessEnv | undefined): Buffer | undefined {
  if (existsSync(join(root, '.git'))) return undefined;
  const text = git(root, env, ['cat-file', 'blob', `HEAD:${SALT_FILE}`]);
  return text === undefined ? undefined : parseSalt(text, `HEAD:${SALT_FILE}`);
}

/**
 * A salt derived from the root commit(s) of HEAD: the same in every full clone of the repository
 * (and its bare mirrors), unknown to anyone who cannot read the repository. Undefined outside a
 * repository, before the first commit, and in a shallow clone (whose roots are not the real ones).
 */
export function repositorySalt(root: string, env?: NodeJS.ProcessEnv): Buffer | undefined {
  if (git(root, env, ['rev-parse', '--is-shallow-repository'])?.trim() !== 'false') return undefined;
  const roots = git(root, env, ['rev-list', '--max-parents=0', 'HEAD', '--'])?.split('\n').filter(Boolean).sort();
  if (!roots?.length) return undefined;
  return nodeCrypto()
    .createHash('sha256')
    .update(`unleak-fingerprint-salt\u0000${roots.join('\n')}`)
    .digest();
}

/**
 * Writes `salt` at `<root>/.unleak/fingerprint-salt` unless a salt is there already (another
 * process won the race: its salt is returned). Undefined when the folder cannot be written.
 */
export function writeFingerprintSalt(root: string, salt: Buffer): Buffer | undefined {
  const file = join(root, SALT_FILE);
  const temp = `${file}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(join(root, '.unleak'), { recursive: true });
    writeFileSync(temp, `${HEADER}\n${salt.toString('hex')}\n`, { flag: 'wx', mode: 0o644 });
    try {
      linkSync(temp, file);
      return salt;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parseSalt(readFileSync(file, 'utf8'), file);
      throw error;
    } finally {
      unlinkSync(temp);
    }
  } catch (error) {
    if (error instanceof UnleakError) throw error;
    return undefined;
  }
}

/**
 * The key of the fingerprints of a scan rooted at `root`, the first of: the salt file there; in
 * a bare repository or a sub-folder of a work tree, the salt committed at HEAD; the repository's
 * root commits. With `create` (baseline commands), a missing file is written (with the
 * repository's salt, so fingerprints do not change, or a random one outside a repository).
 * Failing all that, the random key of this process (`one-off`: nothing written, nothing stable).
 */
export function resolveFingerprintSalt(root: string, options: { create?: boolean; env?: NodeJS.ProcessEnv } = {}): FingerprintSalt {
  const file = join(root, SALT_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      throw new UnleakError('UNLEAK_FINGERPRINT_SALT_INVALID', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (text !== undefined) return { key: parseSalt(text, file), source: 'file' };
  const committed = committedSalt(root, options.env);
  if (committed) return { key: committed, source: 'head' };
  const derived = repositorySalt(root, options.env);
  if (options.create) {
    const written = writeFingerprintSalt(root, derived ?? nodeCrypto().randomBytes(32));
    if (written) return { key: written, source: 'created' };
  }
  return derived ? { key: derived, source: 'repository' } : { key: oneOffKey(), source: 'one-off' };
}
