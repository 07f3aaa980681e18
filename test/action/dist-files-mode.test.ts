import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { fakeGithubToken } from './helpers/fake-token.js';
import { Upstream, checkout, removeTemp, tempDir } from './helpers/git-repo.js';
import { annotations, expectSecretsMaskedAndKept, readSarif } from './helpers/expectations.js';
import { pushPayload } from './helpers/payloads.js';
import { DIST_ACTION, runDistAction } from './helpers/run-dist.js';

/** A temp root holding the upstream, the checkout and the runner's temp folder, removed when the test ends. */
function scenario(onTestFinished: (fn: () => void) => void): { root: string; runnerTemp: string } {
  const root = tempDir('files');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(runnerTemp);
  onTestFinished(() => removeTemp(root));
  return { root, runnerTemp };
}

// The tests wait on git and on `node dist/action.js` most of the time: they run concurrently.
describe.concurrent('dist/action.js, mode files and failures', { timeout: 120_000 }, () => {
  it('is built', ({ expect }) => {
    expect(existsSync(DIST_ACTION)).toBe(true);
  });

  it('annotates, summarises, writes SARIF and outputs, and fails on a secret in the checkout', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const token = fakeGithubToken();
    const upstream = new Upstream(root);
    const sha = upstream.commit({ 'README.md': '# hello\n', 'src/config.js': `const a = 1;\nconst token = "${token}";\n` }, 'add config');
    const workspace = checkout(upstream, root, sha);
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: pushPayload({ after: sha }),
      inputs: { mode: 'files' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ findings: '1', 'sarif-file': 'unleak.sarif', result: 'findings' });
    const [error] = annotations(run, 'error');
    expect(error?.properties).toMatchObject({
      file: 'src/config.js',
      line: '2',
      endLine: '2',
      col: '16',
      endColumn: String(16 + token.length),
      title: 'unleak: GitHub personal access token (classic)',
    });
    expect(error?.message).toContain(`${token.slice(0, 4)}…${token.slice(-2)}`);
    const sarif = readSarif(workspace);
    expect(
      sarif.results.map((r) => [
        r.ruleId,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([['github-classic-pat', 'src/config.js', 2]]);
    expect(run.summary).toContain('## 🔑 unleak: 1 secret found');
    expect(run.summary).toContain('<code>src/config.js:2</code>');
    expect(run.summary).toContain('unleak fix');
    expect(run.summary).toContain('unleak:allow');
    expect(run.summary).toContain('baseline');
    expectSecretsMaskedAndKept(run, [token], { sarif: sarif.text });
  });

  it('passes with findings when fail-on-findings is false, and says so', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const upstream = new Upstream(root);
    const sha = upstream.commit({ 'a.env': `TOKEN=${fakeGithubToken()}\n` }, 'env');
    const workspace = checkout(upstream, root, sha);
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'workflow_dispatch',
      payload: {},
      inputs: { mode: 'files', 'fail-on-findings': 'false', 'sarif-file': 'reports/out.sarif' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ findings: '1', 'sarif-file': 'reports/out.sarif', result: 'findings' });
    readSarif(workspace, 'reports/out.sarif');
    expect(run.summary).toContain('fail-on-findings is false');
  });

  it('is clean on a clean checkout', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const upstream = new Upstream(root);
    const sha = upstream.commit({ 'README.md': '# nothing to see\n' }, 'readme');
    const workspace = checkout(upstream, root, sha);
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: pushPayload({ after: sha }),
      inputs: { mode: 'files' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ findings: '0', 'sarif-file': 'unleak.sarif', result: 'clean' });
    expect(annotations(run)).toEqual([]);
    expect(readSarif(workspace).results).toEqual([]);
    expect(run.summary).toContain('no secrets found');
  });

  it('accepts findings recorded in the baseline input', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const upstream = new Upstream(root);
    const token = fakeGithubToken();
    const sha = upstream.commit({ 'a.env': `TOKEN=${token}\n` }, 'env');
    const workspace = checkout(upstream, root, sha);
    const first = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: {},
      inputs: { mode: 'files', 'sarif-file': '../report.sarif' },
    });
    const fingerprint = (
      JSON.parse(JSON.stringify(readSarif(root, 'report.sarif').results[0])) as { partialFingerprints: Record<string, string> }
    ).partialFingerprints['unleakFingerprint/v2'];
    expect(first.exitCode).toBe(1);
    writeFileSync(
      join(workspace, '.unleak-baseline.json'),
      JSON.stringify({ version: 1, kind: 'unleak-baseline', createdAt: '2024-01-01T00:00:00Z', findings: [{ fingerprint }] }),
    );
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: {},
      inputs: { mode: 'files', baseline: '.unleak-baseline.json', 'sarif-file': '../report.sarif' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('clean');
    expect(run.summary).toContain('1 finding accepted by the baseline');
  });

  it('fails with result=error on a bad input, and never reports clean', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const upstream = new Upstream(root);
    const workspace = checkout(upstream, root, upstream.commit({ 'README.md': 'x\n' }, 'readme'));
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: {},
      inputs: { mode: 'everything', 'fail-on-findings': 'yes' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ result: 'error' });
    const [error] = annotations(run, 'error');
    expect(error?.message).toContain('input mode must be one of auto, diff, history, files');
    expect(error?.message).toContain('input fail-on-findings must be true or false');
    expect(run.summary).toContain('the scan failed');
  });

  it('fails with result=error when the config input names a missing file', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const upstream = new Upstream(root);
    const workspace = checkout(upstream, root, upstream.commit({ 'README.md': 'x\n' }, 'readme'));
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: {},
      inputs: { mode: 'files', config: 'missing.yaml' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(existsSync(join(workspace, 'unleak.sarif'))).toBe(false);
  });

  it('fails with result=error and the fetch-depth hint when there is no repository to scan', async ({ expect, onTestFinished }) => {
    const { root, runnerTemp } = scenario(onTestFinished);
    const workspace = join(root, 'empty');
    mkdirSync(workspace);
    const run = await runDistAction({ workspace, runnerTemp, eventName: 'schedule', payload: { schedule: '0 3 * * *' } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(annotations(run, 'error')[0]?.message).toContain('fetch-depth: 0');
  });
});
