import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv, TestRepo } from './git-fixture.js';

let cli = '';
beforeAll(async () => {
  cli = await buildTestCli();
}, 120_000);
afterAll(() => removeTestCli());

/** Runs the CLI with a deadline: a hang (git processes left open) shows as a null status. */
const runWithin = (cliPath: string, repo: TestRepo, args: string[]) =>
  spawnSync(process.execPath, [cliPath, ...args], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8', timeout: 30_000 });

describe('a failing staged scan exits 2 and leaves no git process behind', { timeout: 120_000 }, () => {
  it('exits 2 on a broken config', () => {
    const repo = TestRepo.create().write({ '.unleak.yaml': 'maxDecodeDepth: many\n', 'a.txt': `t=${githubToken()}\n` });
    repo.git('add', '-A');
    const ran = runWithin(cli, repo, ['scan', '--staged']);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain('UNLEAK_CONFIG_INVALID');
  });

  it('exits 2, not hangs, on a usage error after its git started early', () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.git('add', '-A');
    for (const args of [
      ['scan', '--staged', '--format', 'xml'],
      ['scan', '--staged', '--jobs', 'many', '--min-confidence', 'extreme'],
    ]) {
      const ran = runWithin(cli, repo, args);
      expect(ran.status, `${args.join(' ')}: null means it hung until the timeout`).toBe(2);
    }
  });

  it('exits 2, not hangs, when its code cannot load (git processes were already started)', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'unleak-broken-cli-')), 'dist');
    cpSync(dirname(cli), broken, { recursive: true });
    // Whichever chunk runGitScan lands in (its own, or one shared with another static importer), it imports the staged scan by name.
    const importer = readdirSync(join(broken, 'chunks')).find((name) =>
      /import\("\.\/staged-scan-[A-Z0-9]+\.js"\)/.test(readFileSync(join(broken, 'chunks', name), 'utf8')),
    );
    const stagedChunk = /staged-scan-[A-Z0-9]+\.js/.exec(readFileSync(join(broken, 'chunks', importer as string), 'utf8'))?.[0] as string;
    rmSync(join(broken, 'chunks', stagedChunk));
    const repo = TestRepo.create().write({ 'a.txt': 'a\n' });
    repo.git('add', '-A');
    const ran = runWithin(join(broken, 'cli.js'), repo, ['scan', '--staged']);
    expect(ran.status, 'null means it hung until the timeout').toBe(2);
    expect(ran.stderr).toContain(stagedChunk);
  });
});
