import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/index.js';
import { readInputs } from '../../src/action/inputs.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { git, gitEnv, removeTemp, tempDir } from './helpers/git-repo.js';
import { randomBase62 } from '../helpers/tokens.js';

/** The Action's `min-confidence` input: the CLI's `--min-confidence`; unless set, the config's `minConfidence`, else every finding. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeTemp(dir);
});

async function sarifRules(inputs: Record<string, string>, config?: string): Promise<string[]> {
  const root = tempDir('min-confidence');
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  if (config !== undefined) writeFileSync(join(root, '.unleak.yaml'), config);
  writeFileSync(join(root, 'ci.env'), `TOKEN=${fakeGithubToken()}\n[DEBUG] Using adzuna KEY=${randomBase62(26)}aB3\n`);
  const files = tempDir('min-confidence-files');
  dirs.push(files);
  writeFileSync(join(files, 'output.txt'), '');
  const env: NodeJS.ProcessEnv = {
    ...gitEnv,
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_OUTPUT: join(files, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    INPUT_MODE: 'files',
    INPUT_COMMENT: 'false',
    'INPUT_SARIF-FILE': join(files, 'out.sarif'),
    ...inputs,
  };
  expect(await runAction(env, { write: () => undefined, cwd: root })).toBe(1);
  const sarif = JSON.parse(readFileSync(join(files, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  return sarif.runs[0]!.results.map((r) => r.ruleId).sort();
}

describe('the min-confidence input', { timeout: 60_000 }, () => {
  it('is unset unless given, accepts low, medium and high, and rejects anything else', () => {
    expect(readInputs({}).minConfidence).toBeUndefined();
    expect(readInputs({ 'INPUT_MIN-CONFIDENCE': 'high' }).minConfidence).toBe('high');
    expect(() => readInputs({ 'INPUT_MIN-CONFIDENCE': 'sure' })).toThrow(/min-confidence must be one of low, medium, high/);
  });

  it('reports the proximity guess by default and leaves it out with medium', async () => {
    expect(await sarifRules({})).toEqual(['generic-vendor-key', 'github-classic-pat']);
    expect(await sarifRules({ 'INPUT_MIN-CONFIDENCE': 'medium' })).toEqual(['github-classic-pat']);
  });

  it("follows the config's minConfidence when the input is empty, and the input wins when given", async () => {
    expect(await sarifRules({}, 'minConfidence: medium\n')).toEqual(['github-classic-pat']);
    expect(await sarifRules({ 'INPUT_MIN-CONFIDENCE': 'low' }, 'minConfidence: medium\n')).toEqual([
      'generic-vendor-key',
      'github-classic-pat',
    ]);
  });
});
