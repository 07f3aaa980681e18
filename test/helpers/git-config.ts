import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

let globalConfig: string | undefined;

// One config per test file: made when first asked for, removed after the file's tests.
afterAll(() => {
  if (globalConfig) rmSync(join(globalConfig, '..'), { recursive: true, force: true });
  globalConfig = undefined;
});

/**
 * The file tests give git as GIT_CONFIG_GLOBAL: an empty config in a temp folder, one per test
 * file. Never `/dev/null`: a `git config --global` write renames its lock file onto that path,
 * which replaces the machine's /dev/null with a regular file.
 */
export function isolatedGlobalGitConfig(): string {
  if (globalConfig && existsSync(globalConfig)) return globalConfig;
  globalConfig = join(mkdtempSync(join(tmpdir(), 'unleak-gitconfig-')), 'config');
  writeFileSync(globalConfig, '');
  return globalConfig;
}

/** Environment entries that keep git away from the user's and the system's config files. */
export function isolatedGitConfigEnv(): NodeJS.ProcessEnv {
  return { GIT_CONFIG_GLOBAL: isolatedGlobalGitConfig(), GIT_CONFIG_NOSYSTEM: '1' };
}
