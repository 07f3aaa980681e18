import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../../errors.js';
import { CHAINED_SUFFIX, HOOK_MARKER, gitHookScript } from './hook-scripts.js';

/** What an install or uninstall did, for the user. */
export interface HookChange {
  file: string;
  message: string;
}

const isOurs = (path: string): boolean => existsSync(path) && readFileSync(path, 'utf8').includes(HOOK_MARKER);

/**
 * Writes `<hooksDir>/pre-commit`. An existing hook that is not ours is kept as
 * `pre-commit.unleak-previous` and run after the scan; our own is rewritten in place.
 */
export function installGitHook(hooksDir: string, options: { command?: string; fallback?: { node: string; cli: string } }): HookChange {
  const hook = join(hooksDir, 'pre-commit');
  const previous = `${hook}${CHAINED_SUFFIX}`;
  mkdirSync(hooksDir, { recursive: true });
  let message = `pre-commit hook installed: ${hook}`;
  if (isOurs(hook)) message = `pre-commit hook updated: ${hook}`;
  else if (existsSync(hook)) {
    if (existsSync(previous))
      throw new UnleakError('UNLEAK_HOOK_CONFLICT', `both ${hook} and ${previous} exist and neither is unleak's`, {
        hint: 'Merge them by hand, or remove one, then run `unleak hook install --git` again.',
      });
    renameSync(hook, previous);
    chmodSync(previous, 0o755);
    message += ` (the existing hook now runs after the scan, from ${previous})`;
  }
  writeFileSync(hook, gitHookScript(options), { mode: 0o755 });
  chmodSync(hook, 0o755);
  return { file: hook, message };
}

/** Removes our `pre-commit` and puts back the hook it chained, if any. */
export function uninstallGitHook(hooksDir: string): HookChange {
  const hook = join(hooksDir, 'pre-commit');
  const previous = `${hook}${CHAINED_SUFFIX}`;
  if (!isOurs(hook)) return { file: hook, message: `no unleak hook in ${hook}; nothing to remove` };
  rmSync(hook);
  if (existsSync(previous)) {
    renameSync(previous, hook);
    return { file: hook, message: `unleak hook removed; the previous hook is back in ${hook}` };
  }
  return { file: hook, message: `unleak hook removed: ${hook}` };
}
