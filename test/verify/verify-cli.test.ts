import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../helpers/cli.js';
import { isolatedGitConfigEnv } from '../helpers/git-config.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';
import { startFakeProvider, type FakeProvider } from './helpers/fake-provider.js';

/**
 * `unleak scan --verify` / `--only-verified` / `--results` and `unleak verify [--report]`,
 * in-process against a temp git repository, with every provider call going to a fake provider
 * on 127.0.0.1 (test mode): GitHub accepts the token, GitLab refuses its.
 */

let fake: FakeProvider;
let repo: string;
let github: string;
let gitlab: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = await startFakeProvider();
  fake.answer = (request) =>
    request.host === 'api.github.com'
      ? { status: 200, body: { login: 'octocat' } }
      : { status: 401, body: { message: '401 Unauthorized' } };
  github = githubToken();
  gitlab = `glpat-${randomBase62(20)}`;
  repo = tempRepo({ 'config/ci.env': `GITHUB_TOKEN=${github}\nGITLAB_TOKEN=${gitlab}\n` });
  env = { ...fake.env, ...isolatedGitConfigEnv() };
});
afterAll(async () => fake.close());

const json = (stdout: string) =>
  JSON.parse(stdout) as { findings: Array<{ ruleId: string; verification?: { status: string; reason: string }; secret?: string }> };

describe('unleak scan --verify', () => {
  it('adds a verification to every finding in JSON, text and SARIF', async () => {
    const run = await runCli(['scan', '--verify', '--format', 'json', '.'], repo, { env });
    expect(run.code).toBe(1);
    const byRule = Object.fromEntries(json(run.stdout).findings.map((f) => [f.ruleId, f.verification]));
    expect(byRule['github-classic-pat']).toEqual({ status: 'live', reason: '200 from api.github.com' });
    expect(byRule['gitlab-pat']).toEqual({ status: 'revoked', reason: '401 from gitlab.com' });
    const text = await runCli(['scan', '--verify', '.'], repo, { env });
    expect(text.stdout).toContain('verification: live (200 from api.github.com)');
    expect(text.stdout).toContain('verification: revoked (401 from gitlab.com)');
    expect(text.stdout + text.stderr + run.stderr).not.toContain(github);
    expect(text.stdout + text.stderr + run.stderr).not.toContain(gitlab);
    const sarif = JSON.parse((await runCli(['scan', '--verify', '--format', 'sarif', '.'], repo, { env })).stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; properties: Record<string, unknown> }> }>;
    };
    const props = sarif.runs[0]?.results.find((r) => r.ruleId === 'gitlab-pat')?.properties;
    expect(props).toMatchObject({ verification: 'revoked', verificationReason: '401 from gitlab.com' });
  });

  it('--only-verified keeps live findings (exit 1); exit 0 when none is live', async () => {
    const run = await runCli(['scan', '--only-verified', '--format', 'json', '.'], repo, { env });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.map((f) => f.ruleId)).toEqual(['github-classic-pat']);
    const revokedOnly = tempRepo({ 'ci.env': `GITLAB_TOKEN=glpat-${randomBase62(20)}\n` });
    const none = await runCli(['scan', '--only-verified', '--format', 'json', '.'], revokedOnly, { env });
    expect(none.code).toBe(0);
    expect(json(none.stdout).findings).toEqual([]);
  });

  it('--results revoked,unknown keeps those statuses; a wrong word is a usage error (exit 2)', async () => {
    const run = await runCli(['scan', '--results', 'revoked,unknown', '--format', 'json', '.'], repo, { env });
    expect(json(run.stdout).findings.map((f) => f.ruleId)).toEqual(['gitlab-pat']);
    const bad = await runCli(['scan', '--results', 'alive', '.'], repo, { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--results takes a comma-separated list of live, revoked, unknown (not: alive)');
  });

  it('--verify-timeout must be a number of seconds (exit 2 otherwise)', async () => {
    const bad = await runCli(['scan', '--verify', '--verify-timeout', 'soon', '.'], repo, { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--verify-timeout takes a number of seconds');
  });

  it('never verifies without a verification flag', async () => {
    fake.requests.length = 0;
    const run = await runCli(['scan', '--format', 'json', '.'], repo, { env });
    expect(run.code).toBe(1);
    expect(json(run.stdout).findings.every((f) => f.verification === undefined)).toBe(true);
    expect(fake.requests).toEqual([]);
  });
});

describe('verify.hosts in .unleak.yaml', () => {
  it('lets a GitLab token be tried on the self-hosted GitLab it names; a bad host is a config error', async () => {
    const token = `glpat-${randomBase62(20)}`;
    const selfHosted = tempRepo({
      '.unleak.yaml': 'verify:\n  hosts:\n    gitlab: [gitlab.corp.example]\n',
      'ci.env': `GITLAB_TOKEN=${token}\n`,
    });
    const previous = fake.answer;
    fake.answer = (request) => (request.host === 'gitlab.corp.example' ? { status: 200, body: { id: 7 } } : { status: 401, body: {} });
    try {
      const run = await runCli(['scan', '--verify', '--format', 'json', '.'], selfHosted, { env });
      expect(json(run.stdout).findings.map((f) => f.verification)).toEqual([{ status: 'live', reason: '200 from gitlab.corp.example' }]);
    } finally {
      fake.answer = previous;
    }
    const bad = tempRepo({
      '.unleak.yaml': 'verify:\n  hosts:\n    gitlab: ["https://gitlab.corp.example/"]\n',
      'ci.env': `GITLAB_TOKEN=${token}\n`,
    });
    const refused = await runCli(['scan', '--verify', '.'], bad, { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('verify.hosts.gitlab');
  });
});

describe('unleak verify', () => {
  it('--report re-verifies a report written with --reveal', async () => {
    await runCli(['scan', '--format', 'json', '--reveal', '-o', 'report.json', '.'], repo, { env });
    const run = await runCli(['verify', '--report', 'report.json', '--only-verified', '--format', 'json'], repo, { env });
    expect(run.code).toBe(1);
    const findings = json(run.stdout).findings;
    expect(findings.map((f) => [f.ruleId, f.verification?.status])).toEqual([['github-classic-pat', 'live']]);
    expect(findings[0]?.secret).toBeUndefined();
  });

  it('--report without raw values is an error (exit 2) that says how to get them', async () => {
    await runCli(['scan', '--format', 'json', '-o', 'plain.json', '.'], repo, { env });
    expect(readFileSync(join(repo, 'plain.json'), 'utf8')).not.toContain(github);
    const run = await runCli(['verify', '--report', 'plain.json'], repo, { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('UNLEAK_VERIFY_NO_VALUES');
    expect(run.stderr).toContain('--reveal');
  });

  it('without --report rescans the paths and verifies', async () => {
    const run = await runCli(['verify', '--format', 'json', 'config'], repo, { env });
    expect(run.code).toBe(1);
    expect(
      json(run.stdout)
        .findings.map((f) => f.verification?.status)
        .sort(),
    ).toEqual(['live', 'revoked']);
  });
});
