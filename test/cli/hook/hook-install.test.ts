import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { githubToken } from '../../helpers/tokens.js';
import { buildTestCli, removeTestCli } from '../../git/built-cli.js';
import { TestRepo, type Ran } from '../../git/git-fixture.js';

let cli = '';
beforeAll(async () => {
  cli = await buildTestCli();
}, 120_000);
afterAll(() => removeTestCli());

const unleak = (repo: TestRepo, ...args: string[]): Ran => repo.run(process.execPath, [cli, ...args]);
const commit = (repo: TestRepo, ...args: string[]): Ran => repo.run('git', ['commit', '-q', ...args]);
const head = (repo: TestRepo): string => repo.run('git', ['rev-parse', '--verify', '-q', 'HEAD']).stdout.trim();

function expectRefused(ran: Ran, repo: TestRepo, before: string): void {
  expect(ran.code, ran.stderr).not.toBe(0);
  expect(ran.stderr).toContain('commit blocked');
  expect(head(repo)).toBe(before);
}

describe('unleak hook install --git (real git commits)', () => {
  it('refuses a commit that adds a secret and lets a clean one through, also for the first commit', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create();
    const installed = unleak(repo, 'hook', 'install', '--git');
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain(join('.git', 'hooks', 'pre-commit'));
    repo.write({ 'config.js': `const token = "${githubToken()}";\n` }).git('add', '-A');
    expectRefused(commit(repo, '-m', 'first'), repo, '');
    repo.git('reset', '-q');
    repo.write({ 'config.js': 'const token = process.env.TOKEN;\n' }).git('add', '-A');
    const clean = commit(repo, '-m', 'first');
    expect(clean.code, clean.stderr).toBe(0);
    expect(head(repo)).not.toBe('');
  });

  it('guards git commit -a and git commit <paths> (temporary indexes through GIT_INDEX_FILE)', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    repo.commitAll('initial');
    expect(unleak(repo, 'hook', 'install', '--git').code).toBe(0);
    const before = head(repo);
    repo.write({ 'a.txt': `a\nt=${githubToken()}\n` });
    expectRefused(commit(repo, '-a', '-m', 'commit -a'), repo, before);
    expectRefused(commit(repo, '-m', 'only a', '--', 'a.txt'), repo, before);
    repo.write({ 'b.txt': 'b\nmore\n' });
    repo.git('add', 'a.txt');
    const onlyB = commit(repo, '-m', 'only b', '--', 'b.txt');
    expect(onlyB.code, `a staged secret outside the committed paths must not block: ${onlyB.stderr}`).toBe(0);
    expect(repo.git('show', '--name-only', '--format=', 'HEAD').trim()).toBe('b.txt');
  });

  it('an error in the scan (exit 2) blocks the commit too', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create().write({ '.unleak.yaml': 'allowlist: [not, a, map]\n' });
    expect(unleak(repo, 'hook', 'install', '--git').code).toBe(0);
    repo.git('add', '-A');
    const ran = commit(repo, '-m', 'bad config');
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('UNLEAK_CONFIG_INVALID');
    expect(head(repo)).toBe('');
  });

  it('honours core.hooksPath, chains an existing hook, and uninstall puts it back', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create();
    repo.git('config', 'core.hooksPath', '.githooks');
    repo.writeExecutable('.githooks/pre-commit', '#!/bin/sh\necho ran >> "$(git rev-parse --git-dir)/previous-hook-ran"\n');
    const installed = unleak(repo, 'hook', 'install', '--git');
    expect(installed.code, installed.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, '.githooks', 'pre-commit'), 'utf8')).toContain('unleak pre-commit guard');
    expect(existsSync(join(repo.dir, '.githooks', 'pre-commit.unleak-previous'))).toBe(true);
    expect(unleak(repo, 'hook', 'install', '--git').stdout).toContain('updated');
    repo.write({ 'x.txt': `t=${githubToken()}\n` }).git('add', 'x.txt');
    expectRefused(commit(repo, '-m', 'secret'), repo, '');
    expect(existsSync(join(repo.dir, '.git', 'previous-hook-ran'))).toBe(false);
    repo.write({ 'x.txt': 'clean\n' }).git('add', 'x.txt');
    expect(commit(repo, '-m', 'clean').code).toBe(0);
    expect(readFileSync(join(repo.dir, '.git', 'previous-hook-ran'), 'utf8')).toBe('ran\n');
    const removed = unleak(repo, 'hook', 'uninstall', '--git');
    expect(removed.code).toBe(0);
    expect(readFileSync(join(repo.dir, '.githooks', 'pre-commit'), 'utf8')).not.toContain('unleak');
    expect(existsSync(join(repo.dir, '.githooks', 'pre-commit.unleak-previous'))).toBe(false);
    expect(unleak(repo, 'hook', 'uninstall', '--git').stdout).toContain('nothing to remove');
  });

  it('uses the --command given', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create();
    expect(unleak(repo, 'hook', 'install', '--git', '--command', `${process.execPath} ${cli}`).code).toBe(0);
    expect(readFileSync(join(repo.dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain(
      `${process.execPath} ${cli} scan --staged --quiet || exit $?`,
    );
    repo.write({ 'x.txt': `t=${githubToken()}\n` }).git('add', 'x.txt');
    expectRefused(commit(repo, '-m', 'secret'), repo, '');
  });
});

/** What `husky` (v9) installs: core.hooksPath=.husky/_, a shim per hook and the runner `h`. */
function setUpHusky(repo: TestRepo): void {
  repo.git('config', 'core.hooksPath', '.husky/_');
  repo.write({ '.husky/_/.gitignore': '*', '.husky/_/husky.sh': '' });
  repo.writeExecutable('.husky/_/pre-commit', '#!/usr/bin/env sh\n. "${0%/*}/h"');
  repo.writeExecutable(
    '.husky/_/h',
    [
      '#!/usr/bin/env sh',
      '[ "$HUSKY" = "2" ] && set -x',
      'n=$(basename "$0")',
      's=$(dirname "$(dirname "$0")")/$n',
      '[ ! -f "$s" ] && exit 0',
      '[ "${HUSKY-}" = "0" ] && exit 0',
      'export PATH="node_modules/.bin:$PATH"',
      'sh -e "$s" "$@"',
      'c=$?',
      '[ $c != 0 ] && echo "husky - $n script failed (code $c)"',
      'exit $c',
      '',
    ].join('\n'),
  );
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(cli, join(repo.dir, 'node_modules', '.bin', 'unleak'));
  repo.write({ '.gitignore': 'node_modules/\n' });
}

describe('unleak hook install --husky', () => {
  it('adds the scan to .husky/pre-commit; commits with secrets are refused; uninstall removes the line', { timeout: 180_000 }, async () => {
    const repo = TestRepo.create();
    setUpHusky(repo);
    repo.write({ '.husky/pre-commit': 'echo lint >/dev/null\n' });
    const installed = unleak(repo, 'hook', 'install');
    expect(installed.code, installed.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, '.husky', 'pre-commit'), 'utf8')).toBe(
      'echo lint >/dev/null\nunleak scan --staged --quiet # unleak pre-commit guard\n',
    );
    expect(unleak(repo, 'hook', 'install', '--husky').stdout).toContain('already runs unleak');
    repo.write({ 'k.txt': `t=${githubToken()}\n` }).git('add', '-A');
    expectRefused(commit(repo, '-m', 'secret'), repo, '');
    repo.write({ 'k.txt': 'clean\n' }).git('add', '-A');
    const clean = commit(repo, '-m', 'clean');
    expect(clean.code, clean.stderr).toBe(0);
    expect(unleak(repo, 'hook', 'uninstall').code).toBe(0);
    expect(readFileSync(join(repo.dir, '.husky', 'pre-commit'), 'utf8')).toBe('echo lint >/dev/null\n');
  });

  it(
    'creates .husky/pre-commit when missing and deletes it on uninstall when nothing else is left; refuses --git over husky',
    { timeout: 180_000 },
    async () => {
      const repo = TestRepo.create();
      setUpHusky(repo);
      expect(unleak(repo, 'hook', 'install', '--husky').code).toBe(0);
      expect(existsSync(join(repo.dir, '.husky', 'pre-commit'))).toBe(true);
      const git = unleak(repo, 'hook', 'install', '--git');
      expect(git.code).toBe(2);
      expect(git.stderr).toContain('--husky');
      expect(unleak(repo, 'hook', 'uninstall', '--husky').code).toBe(0);
      expect(existsSync(join(repo.dir, '.husky', 'pre-commit'))).toBe(false);
      const noHusky = unleak(TestRepo.create(), 'hook', 'install', '--husky');
      expect(noHusky.code).toBe(2);
      expect(noHusky.stderr).toContain('UNLEAK_HUSKY_MISSING');
    },
  );
});
