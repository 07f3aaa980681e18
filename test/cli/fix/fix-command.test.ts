import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixHandler } from '../../../src/cli/fix/fix-handler.js';
import type { CliIo } from '../../../src/cli/io.js';
import { UnleakError } from '../../../src/errors.js';
import { gitIn, tempRepo } from '../../helpers/cli.js';
import { githubToken } from '../../helpers/tokens.js';
import { cli, isolatedEnv, treeState } from './fix-helpers.js';

/** `unleak fix` through the CLI: plan first, --dry-run and --yes, store creation, reports, names, Ctrl-C, the re-scan proof. */

interface ReportShape {
  findings: Array<{ path: string; fingerprint: string; ruleId: string }>;
}

describe('unleak fix', () => {
  it('--dry-run prints the plan with redacted values, writes nothing and exits 0; without --yes it refuses off a terminal', async () => {
    const token = githubToken();
    const repo = tempRepo({
      'src/config.js': `module.exports = { token: "${token}" };\n`,
      'deploy.sh': `curl -u bot:${token} https://api\n`,
    });
    const env = isolatedEnv();
    const before = treeState(repo);
    const dry = await cli(['fix', '--dry-run'], repo, env);
    expect(dry.code, 'a dry run only prints the plan: findings are not an error').toBe(0);
    expect(dry.out).toContain('unleak fix: plan');
    expect(dry.out).toContain('GITHUB_TOKEN');
    expect(dry.out).toContain('"ghp_…');
    expect(dry.out).toContain('→  process.env.GITHUB_TOKEN');
    expect(dry.out).toContain(
      `identity: none found; a new one will be generated at ${join(env.XDG_CONFIG_HOME as string, 'unleak', 'age', 'keys.txt')}`,
    );
    expect(dry.out).toContain('Dry run: nothing was written.');
    expect(`${dry.out}${dry.err}`.includes(token)).toBe(false);
    expect(treeState(repo)).toEqual(before);
    expect(existsSync(join(env.XDG_CONFIG_HOME as string, 'unleak'))).toBe(false);

    const refused = await cli(['fix'], repo, env);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('UNLEAK_CONFIRMATION_REQUIRED');
    expect(refused.out).toContain('unleak fix: plan');
    expect(treeState(repo)).toEqual(before);
  });

  it('--yes creates the identity and the store, rewrites every occurrence, proves it with a re-scan and says what is next', async () => {
    const token = githubToken();
    const repo = tempRepo({
      'src/config.js': `module.exports = { token: "${token}" };\n`,
      'src/other.ts': `export const auth = \`token ${token}\`;\n`,
      '.env': `GITHUB_TOKEN=${token}\nPORT=8080\n`,
    });
    const env = isolatedEnv();
    const result = await cli(['fix', '--yes'], repo, env);
    expect(result.code).toBe(0);
    const identity = join(env.XDG_CONFIG_HOME as string, 'unleak', 'age', 'keys.txt');
    expect(result.err).toContain(`generated your age identity at ${identity}`);
    expect(statSync(identity).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(repo, 'src/config.js'), 'utf8')).toBe('module.exports = { token: process.env.GITHUB_TOKEN };\n');
    expect(readFileSync(join(repo, 'src/other.ts'), 'utf8')).toBe('export const auth = `token ${process.env.GITHUB_TOKEN}`;\n');
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe('PORT=8080\n');
    expect(readFileSync(join(repo, '.env.example'), 'utf8')).toBe('GITHUB_TOKEN=\n');
    expect(result.out).toContain('Applied: 1 value stored in .unleak/secrets.default.sops.json (new store)');
    expect(result.out).toContain('parses after the rewrite: src/config.js, src/other.ts');
    expect(result.out).toContain('Re-scan: none of the 3 fixed findings is reported any more.');
    expect(result.out).toContain('unleak rotate GITHUB_TOKEN');
    expect(result.out).toContain('unleak purge --dry-run');
    expect(`${result.out}${result.err}`.includes(token)).toBe(false);
    expect(readFileSync(join(repo, '.unleak/secrets.default.sops.json'), 'utf8').includes(token)).toBe(false);

    const got = await cli(['secrets', 'get', 'GITHUB_TOKEN'], repo, env);
    expect(got.out.trim() === token).toBe(true);
    const listed = await cli(['secrets', 'list', '--json'], repo, env);
    expect(JSON.parse(listed.out)).toMatchObject([{ name: 'GITHUB_TOKEN', leaked: true, provider: 'github', source: 'fix:.env:1' }]);
    const scan = await cli(['scan', '.'], repo, env);
    expect(scan.code).toBe(0);

    const again = await cli(['fix', '--yes'], repo, env);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to fix (no secrets found)');
  });

  it('--report re-reads each value where the report says and uses it only when its sha256 matches; --rule, --path and --fingerprint filter', async () => {
    const a = githubToken();
    const b = githubToken();
    const c = githubToken();
    const repo = tempRepo({ 'a/one.js': `x("${a}");\n`, 'b/two.py': `Y = "${b}"\n`, 'b/three.py': `Z = "${c}"\n` });
    const env = isolatedEnv();
    const scan = await cli(['scan', '.', '--format', 'json', '-o', 'report.json'], repo, env);
    expect(scan.code).toBe(1);
    const report = JSON.parse(readFileSync(join(repo, 'report.json'), 'utf8')) as ReportShape;
    writeFileSync(join(repo, 'b/three.py'), `# moved\nZ = "${c}"\n`);
    const onlyB = await cli(['fix', '--report', 'report.json', '--path', 'b/', '--dry-run'], repo, env);
    expect(onlyB.err).toMatch(
      /b\/three\.py:1 \(github-classic-pat, ghp_…..\): the text at the reported position does not match the report's (?:secretSha256|fingerprint); skipped/,
    );
    expect(onlyB.out).toContain('b/two.py');
    expect(onlyB.out).not.toContain('a/one.js');
    expect(onlyB.out).not.toContain('b/three.py');
    const fingerprint = report.findings.find((f) => f.path === 'a/one.js')?.fingerprint as string;
    const byFingerprint = await cli(
      ['fix', '--report', 'report.json', '--fingerprint', fingerprint, '--rule', 'github-classic-pat', '--env', 'ci', '--yes'],
      repo,
      env,
    );
    expect(byFingerprint.code).toBe(0);
    expect(existsSync(join(repo, '.unleak/secrets.ci.sops.json'))).toBe(true);
    expect(byFingerprint.out).toContain('unleak run --env ci -- <your start or test command>');
    expect(byFingerprint.out).toContain('unleak rotate GITHUB_TOKEN --env ci');
    expect(readFileSync(join(repo, 'a/one.js'), 'utf8')).toBe('x(process.env.GITHUB_TOKEN);\n');
    expect(readFileSync(join(repo, 'b/two.py'), 'utf8')).toBe(`Y = "${b}"\n`);
    const none = await cli(['fix', '--rule', 'aws-access-key-id', '--dry-run'], repo, env);
    expect(none.out).toContain('nothing to fix (no finding matches the filters)');
  });

  it('--name FINGERPRINT=NAME names an entry, and a value already in the store keeps its name', async () => {
    const a = githubToken();
    const b = githubToken();
    const repo = tempRepo({ 'app.js': `run("${a}");\n` });
    const env = isolatedEnv();
    const report = JSON.parse((await cli(['scan', '.', '--format', 'json'], repo, env)).out) as ReportShape;
    const fp = report.findings[0]?.fingerprint as string;
    expect((await cli(['fix', '--yes', '--name', `${fp}=DEPLOY_BOT_TOKEN`], repo, env)).code).toBe(0);
    expect(readFileSync(join(repo, 'app.js'), 'utf8')).toBe('run(process.env.DEPLOY_BOT_TOKEN);\n');
    writeFileSync(join(repo, 'more.py'), `A = "${a}"\nB = "${b}"\n`);
    const second = await cli(['fix', '--yes'], repo, env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('(already in the store: metadata only)');
    expect(readFileSync(join(repo, 'more.py'), 'utf8')).toBe(
      'import os\nA = os.environ["DEPLOY_BOT_TOKEN"]\nB = os.environ["GITHUB_TOKEN"]\n',
    );
    const bad = await cli(['fix', '--dry-run', '--name', 'nonsense'], repo, env);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('invalid --name');
  });

  it('on a terminal it asks for each name (Enter keeps the suggestion) and for confirmation', async () => {
    const a = githubToken();
    const b = githubToken();
    const repo = tempRepo({ 'one.js': `f("${a}");\n`, 'two.js': `g("${b}");\n` });
    const env = isolatedEnv();
    const declined = await cli(['fix'], repo, env, { tty: true, stdin: '\n\nn\n' });
    expect(declined.code).toBe(1);
    expect(declined.err).toContain('Apply this plan? [y/N]');
    expect(declined.err).toContain('nothing was written');
    expect(readFileSync(join(repo, 'one.js'), 'utf8')).toBe(`f("${a}");\n`);
    const accepted = await cli(['fix'], repo, env, { tty: true, stdin: 'ONE_TOKEN\n\ny\n' });
    expect(accepted.err).toMatch(/Name the store entries[\s\S]*\[GITHUB_TOKEN\]: [\s\S]*\[GITHUB_TOKEN_2\]: /);
    expect(accepted.code).toBe(0);
    expect(readFileSync(join(repo, 'one.js'), 'utf8')).toBe('f(process.env.ONE_TOKEN);\n');
    expect(readFileSync(join(repo, 'two.js'), 'utf8')).toBe('g(process.env.GITHUB_TOKEN);\n');
  });

  it('Ctrl-C (SIGINT) while applying puts every file and the store back', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.js': `f("${token}");\n`, '.env': `GITHUB_TOKEN=${token}\n` });
    gitIn(repo, 'status');
    const env = isolatedEnv();
    const before = treeState(repo);
    let out = '';
    let err = '';
    const io = {
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (err += t),
      stdin: process.stdin,
      cwd: repo,
      env,
      stdoutIsTty: false,
      stdinIsTty: false,
      stderrIsTty: false,
    } as CliIo;
    const error = await fixHandler({ git: true, yes: true }, io, {
      afterStep: (step) => void (step === 'write' && process.emit('SIGINT')),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnleakError);
    expect((error as UnleakError).message).toBe('interrupted; every file and the store were restored, nothing changed');
    expect(treeState(repo)).toEqual(before);
    expect(existsSync(join(repo, '.unleak'))).toBe(false);
    expect(out).toContain('unleak fix: plan');
    expect(err.includes(token)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
