import { describe, expect, it } from 'vitest';
import { runCli, tempRepo, writeTree } from '../helpers/cli.js';
import { checksumToken, githubToken, randomBase62 } from '../helpers/tokens.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

/** Two different secrets on one line: a GitHub PAT and a GitHub OAuth token, generated now. */
function twoSecrets(): { first: string; second: string; line: string } {
  const first = githubToken();
  const second = checksumToken('gho_');
  return { first, second, line: `const auth = { pat: "${first}", oauth: "${second}" };` };
}

function expectNoRaw(output: string, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(output.includes(secret), 'a raw secret in the report').toBe(false);
    expect(output.includes(secret.slice(4, -2)), 'the hidden middle of a secret in the report').toBe(false);
  }
}

describe('the text report shows no raw secret, whichever finding a snippet belongs to', { timeout: 120_000 }, () => {
  it('working tree, and --quiet', async () => {
    const { first, second, line } = twoSecrets();
    const repo = tempRepo({ 'src/auth.js': `${line}\n` });
    for (const args of [
      ['scan', '.'],
      ['scan', '.', '--quiet'],
    ]) {
      const run = await runCli(args, repo);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('pat: "ghp_…');
      expect(run.stdout).toContain('oauth: "gho_…');
      expectNoRaw(run.stdout + run.stderr, first, second);
    }
  });

  it("a secret on the line that the allowlist accepts is masked in the other finding's snippet too", async () => {
    const { first, second, line } = twoSecrets();
    const repo = tempRepo({ '.unleak.yaml': 'allowlist:\n  regexes: ["^gho_"]\n', 'auth.js': `${line}\n` });
    const run = await runCli(['scan', '.'], repo);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 secret found/);
    expectNoRaw(run.stdout, first, second);
  });

  it('--staged (the pre-commit message), including a secret already committed on the changed line', async () => {
    const { first, second } = twoSecrets();
    const repo = TestRepo.create().write({ 'auth.js': `const old = "${first}";\n` });
    repo.commitAll('initial');
    repo.write({ 'auth.js': `const old = "${first}", added = "${second}";\n` });
    repo.git('add', '-A');
    const run = await runCli(['scan', '--staged'], repo.dir, { env: gitEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('commit blocked');
    expect(run.stderr).toContain('old = "ghp_…');
    expectNoRaw(run.stdout + run.stderr, first, second);
  });

  it('--history, with a commit subject that holds a secret found only in a file', async () => {
    const { first, second, line } = twoSecrets();
    const password = `Pw${randomBase62(22)}`;
    const repo = TestRepo.create().write({ 'auth.js': `${line}\n`, 'db.ini': `[db]\npassword = ${password}\n` });
    repo.commitAll(`add auth; the db one is ${password}`);
    const run = await runCli(['scan', '--history'], repo.dir, { env: gitEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('auth.js');
    expect(run.stdout).toContain('db.ini');
    expectNoRaw(run.stdout + run.stderr, first, second, password);
  });

  it('--reveal still prints the raw values (the user asked)', async () => {
    const { first, second, line } = twoSecrets();
    const repo = tempRepo({ 'auth.js': `${line}\n` });
    writeTree(repo, {});
    const run = await runCli(['scan', '.', '--reveal'], repo);
    expect(run.stdout).toContain(first);
    expect(run.stdout).toContain(second);
  });
});
