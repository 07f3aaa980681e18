import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/index.js';
import { readInputs } from '../../src/action/inputs.js';
import { fakeGithubToken } from '../action/helpers/fake-token.js';
import { git, gitEnv, removeTemp, tempDir } from '../action/helpers/git-repo.js';
import { startFakeProvider, type FakeProvider } from './helpers/fake-provider.js';

/** The Action's `verify` input: off unless set; with `true` the SARIF carries each finding's verification. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeTemp(dir);
});
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
  fake.answer = () => ({ status: 200, body: { login: 'octocat' } });
});
afterAll(async () => fake.close());

async function run(
  inputs: Record<string, string>,
): Promise<{ exitCode: number; sarif: { runs: Array<{ results: Array<{ properties: Record<string, unknown> }> }> } }> {
  const root = tempDir('verify-input');
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  writeFileSync(join(root, 'ci.env'), `TOKEN=${fakeGithubToken()}\n`);
  const files = tempDir('verify-input-files');
  dirs.push(files);
  writeFileSync(join(files, 'output.txt'), '');
  const env: NodeJS.ProcessEnv = {
    ...gitEnv,
    ...fake.env,
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_OUTPUT: join(files, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(files, 'summary.md'),
    INPUT_MODE: 'files',
    'INPUT_SARIF-FILE': join(files, 'out.sarif'),
    ...inputs,
  };
  const exitCode = await runAction(env, { write: () => undefined, cwd: root });
  return { exitCode, sarif: JSON.parse(readFileSync(join(files, 'out.sarif'), 'utf8')) };
}

describe('the verify input', { timeout: 60_000 }, () => {
  it('is false unless set, accepts true, and rejects anything else', () => {
    expect(readInputs({}).verify).toBe(false);
    expect(readInputs({ INPUT_VERIFY: 'true' }).verify).toBe(true);
    expect(() => readInputs({ INPUT_VERIFY: 'yes' })).toThrow(/verify must be true or false/);
  });

  it('sends nothing by default, and with true puts the verification in the SARIF properties', async () => {
    fake.requests.length = 0;
    const plain = await run({});
    expect(plain.exitCode).toBe(1);
    expect(fake.requests).toEqual([]);
    expect(plain.sarif.runs[0]?.results[0]?.properties.verification).toBeUndefined();
    const verified = await run({ INPUT_VERIFY: 'true' });
    expect(verified.sarif.runs[0]?.results[0]?.properties).toMatchObject({
      verification: 'live',
      verificationReason: '200 from api.github.com',
    });
    expect(fake.requests.map((r) => `${r.host}${r.path}`)).toEqual(['api.github.com/user']);
  });
});
