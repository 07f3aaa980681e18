import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv, TestRepo } from './git-fixture.js';

/**
 * How to run a program so that a mode-000 file cannot be read: as is for a normal user; as root
 * (which reads anything), under setpriv without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
 * Undefined when root cannot drop them here (no setpriv, or not allowed).
 */
function unprivilegedPrefix(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const prefix = ['setpriv', '--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search', '--'];
  const file = join(mkdtempSync(join(tmpdir(), 'unleak-probe-')), 'closed');
  writeFileSync(file, 'x');
  chmodSync(file, 0o000);
  const ran = spawnSync(prefix[0] as string, [...prefix.slice(1), 'cat', file], { encoding: 'utf8' });
  return ran.status !== 0 && /denied/i.test(ran.stderr ?? '') ? prefix : undefined;
}

const prefix = unprivilegedPrefix();
if (!prefix) {
  if (process.env.CI === 'true')
    throw new Error(
      'test/git/unreadable-file.test.ts: running as root without a working setpriv (util-linux), so no file can be made unreadable',
    );
  console.warn(
    'SKIPPED test/git/unreadable-file.test.ts: running as root and setpriv (util-linux) cannot drop CAP_DAC_OVERRIDE here, so no file can be made unreadable',
  );
}

let cli = '';
beforeAll(async () => {
  if (prefix) cli = await buildTestCli();
}, 120_000);
afterAll(() => removeTestCli());

describe.runIf(prefix)('an unreadable tracked file', { timeout: 120_000 }, () => {
  const run = (repo: TestRepo, args: string[]) => {
    const [program, ...rest] = [...(prefix as string[]), process.execPath, cli, 'scan', ...args];
    return spawnSync(program as string, rest, { cwd: repo.dir, env: gitEnv(), encoding: 'utf8', timeout: 60_000 });
  };

  it('makes the scan exit 2 (UNLEAK_UNREADABLE); --skip-unreadable scans the rest, counts it and notes it', () => {
    const repo = TestRepo.create().write({ 'open.txt': 'nothing here\n', 'closed.env': `TOKEN=${githubToken()}\n` });
    repo.commitAll('two files');
    chmodSync(join(repo.dir, 'closed.env'), 0o000);
    const failed = run(repo, []);
    expect(failed.status, failed.stderr).toBe(2);
    expect(failed.stderr).toContain('UNLEAK_UNREADABLE');
    expect(failed.stderr).toContain('closed.env: cannot read (EACCES)');
    const skipped = run(repo, ['--skip-unreadable', '--format', 'json']);
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout).stats).toMatchObject({ filesScanned: 1, skippedUnreadable: 1 });
    const text = run(repo, ['--skip-unreadable']);
    expect(text.stdout).toContain('note: closed.env: cannot read (EACCES)');
  });
});
