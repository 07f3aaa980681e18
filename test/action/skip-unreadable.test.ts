import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/index.js';
import { readInputs } from '../../src/action/inputs.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { git, gitEnv, removeTemp, tempDir } from './helpers/git-repo.js';
import { parseOutputFile } from './helpers/run-dist.js';

/**
 * The `skip-unreadable` input: content the scan cannot read (here a blob missing from the object
 * store) fails the step by default; with `true` the rest is scanned and the blob is noted.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeTemp(dir);
});

/** A repository whose history holds two secrets, one of them in a blob deleted from `.git/objects`. */
function repoWithMissingBlob(): { root: string; readable: string } {
  const root = tempDir('skip-unreadable');
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  const readable = fakeGithubToken();
  writeFileSync(join(root, 'open.env'), `TOKEN=${readable}\n`);
  writeFileSync(join(root, 'lost.env'), `TOKEN=${fakeGithubToken()}\n`);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'two secrets');
  const blob = git(root, 'rev-parse', 'HEAD:lost.env');
  rmSync(join(root, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
  return { root, readable };
}

async function run(
  root: string,
  inputs: Record<string, string>,
): Promise<{ exitCode: number; log: string; outputs: Record<string, string> }> {
  const files = tempDir('skip-unreadable-files');
  dirs.push(files);
  const output = join(files, 'output.txt');
  writeFileSync(output, '');
  let log = '';
  const env: NodeJS.ProcessEnv = {
    ...gitEnv,
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    INPUT_MODE: 'history',
    ...inputs,
  };
  const exitCode = await runAction(env, { write: (text) => (log += text), cwd: root });
  return { exitCode, log, outputs: parseOutputFile(readFileSync(output, 'utf8')) };
}

describe('the skip-unreadable input', { timeout: 60_000 }, () => {
  it('is false unless set, accepts true, and rejects anything else', () => {
    expect(readInputs({}).skipUnreadable).toBe(false);
    expect(readInputs({ 'INPUT_SKIP-UNREADABLE': 'true' }).skipUnreadable).toBe(true);
    expect(() => readInputs({ 'INPUT_SKIP-UNREADABLE': 'yes' })).toThrow(/skip-unreadable must be true or false/);
  });

  it('a missing blob fails the step by default (UNLEAK_UNREADABLE)', async () => {
    const { root } = repoWithMissingBlob();
    const result = await run(root, {});
    expect(result.exitCode).toBe(1);
    expect(result.log).toContain('UNLEAK_UNREADABLE');
    expect(result.outputs.result).toBe('error');
  });

  it('with true, scans the rest, reports its finding and notes the blob it could not read', async () => {
    const { root, readable } = repoWithMissingBlob();
    const result = await run(root, { 'INPUT_SKIP-UNREADABLE': 'true' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ result: 'findings', findings: '1' });
    expect(result.log).toMatch(/unleak: note: .*lost\.env/);
    expect(result.log).not.toContain('UNLEAK_UNREADABLE');
    expect(
      result.log
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(readable);
  });
});
