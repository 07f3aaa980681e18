import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { run } from '../../src/cli/program.js';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv, TestRepo } from './git-fixture.js';

let cli = '';
let repo: TestRepo;

/** A history with secrets spread over many commits, branches, renames and repeats. */
function busyHistory(): TestRepo {
  const r = TestRepo.create();
  const shared = githubToken();
  for (let c = 0; c < 12; c++) {
    const files: Record<string, string> = {};
    for (let f = 0; f < 25; f++) files[`pkg${f % 5}/file${f}.txt`] = `commit ${c} file ${f}\n${'filler line\n'.repeat(20 + f)}`;
    if (c % 3 === 0) files[`secrets/s${c}.env`] = `TOKEN=${githubToken()}\nSHARED=${shared}\n`;
    r.write(files).commitAll(`commit ${c}`);
  }
  r.git('mv', 'secrets', 'moved-secrets');
  r.commitAll('move the secrets');
  r.git('checkout', '-q', '-b', 'side', 'HEAD~5');
  r.write({ 'side.txt': `t=${githubToken()}\n` }).commitAll('side');
  r.git('checkout', '-q', 'main');
  return r;
}

beforeAll(async () => {
  cli = await buildTestCli();
  repo = busyHistory();
}, 240_000);
afterAll(() => removeTestCli());

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: unknown[] }).findings;

describe('history scan on worker threads (built CLI)', () => {
  it('gives the same findings, in the same order, on 1 or 2 workers and from source, run after run', { timeout: 240_000 }, async () => {
    const outputs = [['--jobs', '2'], ['--jobs', '2'], ['--jobs', '1'], []].map((extra) => {
      const ran = repo.run(process.execPath, [cli, 'scan', '--history', '--format', 'json', ...extra]);
      expect(ran.code, ran.stderr).toBe(1);
      return findingsOf(ran.stdout);
    });
    expect(outputs[0], '4 files with 2 secrets each, at their first and their moved paths, plus the side branch').toHaveLength(17);
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);
    let stdout = '';
    const io = {
      stdout: (t: string) => void (stdout += t),
      stderr: () => undefined,
      stdin: Readable.from(['']),
      cwd: repo.dir,
      env: gitEnv(),
      stdoutIsTty: false,
      stdinIsTty: false,
      stderrIsTty: false,
    };
    expect(await run(['scan', '--history', '--format', 'json'], io)).toBe(1);
    expect(findingsOf(stdout)).toEqual(outputs[0]);
  });

  it('draws a progress bar on a terminal stderr, and none with --quiet', { timeout: 120_000 }, async () => {
    const runWithTty = async (args: string[]) => {
      let stderr = '';
      const io = {
        stdout: () => undefined,
        stderr: (t: string) => void (stderr += t),
        stdin: Readable.from(['']),
        cwd: repo.dir,
        env: gitEnv(),
        stdoutIsTty: false,
        stdinIsTty: false,
        stderrIsTty: true,
      };
      await run(['scan', '--history', ...args], io);
      return stderr;
    };
    const slowEnough = async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const stderr = await runWithTty([]);
        if (stderr.includes('blobs')) return stderr;
      }
      return '';
    };
    expect(await slowEnough()).toMatch(/\d+\/\d+ blobs, [\d.]+\/[\d.]+ MB, [\d.]+ MB\/s, ETA \d+:\d\d/);
    expect(await runWithTty(['--quiet'])).toBe('');
  });
});
