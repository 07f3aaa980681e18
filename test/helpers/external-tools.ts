import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Programs some tests run that a fresh machine with only Node and git does not have, with the
 * Debian package that provides each. `.ci/run` installs them, so in CI they are never missing.
 */
export const EXTERNAL_TOOLS = {
  age: 'age',
  'age-keygen': 'age',
  'git-filter-repo': 'git-filter-repo',
  'pre-commit': 'pre-commit',
  'ssh-keygen': 'openssh-client',
  rg: 'ripgrep',
} as const;

/** A program named in EXTERNAL_TOOLS. */
export type ExternalTool = keyof typeof EXTERNAL_TOOLS;

/** True when `program` is an executable file in one of the PATH folders. */
export function onPath(program: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Call at the top of a test file (or a describe) that needs external programs. Returns true when
 * all are on PATH. When one is missing: with CI=true it throws (CI must run every test); anywhere
 * else it prints a visible "SKIPPED" line naming the file, the programs and how to install them,
 * and returns false, so `describe.runIf(...)` skips those tests.
 */
export function requireTools(file: string, tools: readonly ExternalTool[], env: NodeJS.ProcessEnv = process.env): boolean {
  const missing = tools.filter((tool) => !onPath(tool, env.PATH));
  if (missing.length === 0) return true;
  const packages = [...new Set(missing.map((tool) => EXTERNAL_TOOLS[tool]))].join(' ');
  const what = `${missing.join(', ')} not installed (apt-get install ${packages})`;
  if (env.CI === 'true') throw new Error(`${file}: ${what}; CI must run these tests (.ci/run installs them)`);
  console.warn(`SKIPPED ${file}: ${what}`);
  return false;
}
