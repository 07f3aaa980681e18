import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn, runCli, tempRepo, tempTree, writeTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

describe('unleak scan (working tree)', () => {
  it('exits 0 on a clean tree and 1 with findings, grouped by file and redacted', async () => {
    const clean = tempRepo({ 'a.js': 'const x = 1;\n' });
    expect((await runCli(['scan', '.'], clean)).code).toBe(0);
    const token = githubToken();
    const dirty = tempRepo({ 'src/config.js': `module.exports = {\n  token: "${token}",\n};\n`, 'b.txt': 'nothing\n' });
    const result = await runCli(['scan', '.'], dirty);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/config.js');
    expect(result.stdout).toContain('2:11');
    expect(result.stdout).toContain('GitHub personal access token');
    expect(result.stdout).toContain(`${token.slice(0, 4)}…${token.slice(-2)}`);
    expect(result.stdout).toMatch(/1 secret found, 2 files scanned/);
    expect(result.stdout + result.stderr).not.toContain(token);
  });

  it('fails with exit 2 when a path given does not exist, in a repository and with --no-git; a glob matching nothing is clean', async () => {
    const repo = tempRepo({ 'a.js': 'const x = 1;\n' });
    for (const args of [
      ['scan', 'a.js', 'missing.js'],
      ['scan', 'missing-dir', '--no-git'],
    ]) {
      const result = await runCli(args, repo);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('UNLEAK_PATH_NOT_FOUND');
    }
    expect((await runCli(['scan', 'nothing-*.js'], repo)).code).toBe(0);
  });

  it('scans tracked and untracked files but not ignored ones in a git repository', async () => {
    const repo = tempRepo({ '.gitignore': 'ignored.txt\n', 'tracked.txt': `t=${githubToken()}\n` });
    writeTree(repo, { 'untracked.txt': `t=${githubToken()}\n`, 'ignored.txt': `t=${githubToken()}\n` });
    const { stdout } = await runCli(['scan', '.', '--format', 'json'], repo);
    const paths = (JSON.parse(stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort();
    expect(paths).toEqual(['tracked.txt', 'untracked.txt']);
  });

  it('walks plain folders with fast-glob, honouring .gitignore files, and --no-git in a repository', async () => {
    const tree = tempTree({
      '.gitignore': 'skip/\n',
      'keep/a.txt': `t=${githubToken()}\n`,
      'skip/b.txt': `t=${githubToken()}\n`,
      'sub/.gitignore': '*.log\n',
      'sub/c.log': `t=${githubToken()}\n`,
    });
    const { stdout, code } = await runCli(['scan', tree, '--format', 'json'], '/');
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(['keep/a.txt']);
    const repo = tempRepo({ 'a.txt': `t=${githubToken()}\n` });
    expect((await runCli(['scan', '.', '--no-git'], repo)).code).toBe(1);
  });

  it('scans one file outside the current folder, and refuses to mix such a path with others (exit 2, never a crash)', async () => {
    const tree = tempTree({ 'deploy/prod.env': `GITHUB_TOKEN=${githubToken()}\n` });
    const here = tempRepo({ 'a.txt': 'nothing\n' });
    for (const extra of [[], ['--no-git']]) {
      const single = await runCli(['scan', `${tree}/deploy/prod.env`, '--format', 'json', ...extra], here);
      expect(single.code, single.stderr).toBe(1);
      expect((JSON.parse(single.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path)).toEqual(['prod.env']);
    }
    const mixed = await runCli(['scan', 'a.txt', `${tree}/deploy/prod.env`], here);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('UNLEAK_USAGE');
    expect(mixed.stderr).not.toContain('This is a bug');
  });

  it('honours .unleakignore, the config path allowlist and inline allow markers', async () => {
    const repo = tempRepo({
      '.unleakignore': 'vendor/\n',
      '.unleak.yaml': 'allowlist:\n  paths: ["docs/**"]\n',
      'vendor/x.txt': `t=${githubToken()}\n`,
      'docs/y.md': `t=${githubToken()}\n`,
      'a.txt': [
        `a=${githubToken()} # unleak:allow`,
        `b=${githubToken()} // gitleaks:allow`,
        `c=${githubToken()} # pragma: allowlist secret`,
        `d=${githubToken()} # trufflehog:ignore`,
        '# unleak:allow-next-line',
        `e=${githubToken()}`,
        `f=${githubToken()}`,
      ].join('\n'),
    });
    const { stdout } = await runCli(['scan', '.', '--format', 'json'], repo);
    const findings = (JSON.parse(stdout) as { findings: { path: string; line: number }[] }).findings;
    expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(['a.txt:7']);
  });

  it('skips binary and oversized files with counts, and survives broken UTF-8, CRLF and dangling symlinks', async () => {
    const repo = tempTree({
      'bin.dat': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`t=${githubToken()}`)]),
      'big.txt': 'a'.repeat(2 * 1024 * 1024),
      'broken.txt': Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(`\r\nt=${githubToken()}\r\n`)]),
    });
    symlinkSync(join(repo, 'missing-target'), join(repo, 'dangling'));
    const { stdout, code } = await runCli(['scan', '.', '--format', 'json', '--max-file-size', '1MB'], repo);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { path: string; line: number }[]; stats: Record<string, number> };
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['broken.txt:2']);
    expect(report.stats).toMatchObject({ skippedBinary: 1, skippedTooLarge: 1, filesScanned: 1 });
  });

  it('scans a 50 MB single-line file without crashing when the size limit allows it', async () => {
    const token = githubToken();
    const repo = tempTree({ 'one-line.min.js': `${'var a=1;'.repeat((50 * 1024 * 1024) / 8)}t="${token}"` });
    const { stdout, code } = await runCli(['scan', '.', '--format', 'json', '--max-file-size', '60MB'], repo);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { findings: { line: number }[] }).findings[0]?.line).toBe(1);
  }, 60_000);

  it('writes JSON exactly as the contract gives it, and never the raw secret without --reveal', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.env': `GITHUB_TOKEN=${token}\n` });
    const { stdout } = await runCli(['scan', '.', '--format', 'json'], repo);
    const report = JSON.parse(stdout) as { version: number; tool: { name: string }; findings: Record<string, unknown>[]; stats: object };
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('unleak');
    expect(Object.keys(report.findings[0]!).sort()).toEqual(
      [
        'column',
        'confidence',
        'endColumn',
        'endLine',
        'entropy',
        'fingerprint',
        'line',
        'path',
        'redacted',
        'ruleId',
        'severity',
        'title',
        'validation',
      ].sort(),
    );
    expect(report.findings[0]).toMatchObject({
      ruleId: 'github-classic-pat',
      line: 1,
      column: 14,
      endColumn: 14 + token.length,
      validation: 'checksum-valid',
    });
    expect(report.findings[0]?.fingerprint).toMatch(/^github-classic-pat:v2:[0-9a-f]{32}$/);
    expect(stdout).not.toContain(token);
    expect(stdout).not.toContain(createHash('sha256').update(token).digest('hex'));
    const revealed = await runCli(['scan', '.', '--format', 'json', '--reveal'], repo);
    expect(revealed.stdout).toContain(token);
    expect((JSON.parse(revealed.stdout) as { findings: Record<string, unknown>[] }).findings[0]).toMatchObject({
      secret: token,
      secretSha256: createHash('sha256').update(token).digest('hex'),
    });
  });

  it('writes the report to --output', async () => {
    const repo = tempRepo({ 'a.env': `T=${githubToken()}\n` });
    const result = await runCli(['scan', '.', '--format', 'sarif', '--output', 'out.sarif'], repo);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(join(repo, 'out.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  it('scans stdin', async () => {
    const { code, stdout } = await runCli(['scan', '--stdin', '--format', 'json'], tempTree(), { stdin: `x=${githubToken()}` });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { findings: { path: string }[] }).findings[0]?.path).toBe('<stdin>');
  });
});

describe('errors exit 2', () => {
  it('on an unknown flag or format', async () => {
    const repo = tempRepo();
    expect((await runCli(['scan', '--bogus'], repo)).code).toBe(2);
    expect((await runCli(['scan', '--format', 'xml'], repo)).code).toBe(2);
  });
  it('on a malformed config, listing every problem with file and field', async () => {
    const repo = tempRepo({
      '.unleak.yaml': [
        'maxFileSize: lots',
        'disabledRules: [no-such-rule]',
        'rules:',
        '  - id: Bad_Id',
        '    title: x',
        '  - id: acme-key',
        '    title: Acme key',
        '    description: d',
        '    severity: high',
        '    keywords: [acme_]',
        '    pattern: "acme_(?<=x)[a-z]{10}"',
        'allowlist:',
        '  regexes: ["(unclosed"]',
      ].join('\n'),
    });
    const result = await runCli(['scan', '.'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('UNLEAK_CONFIG_INVALID');
    expect(result.stderr).toContain('maxFileSize');
    expect(result.stderr).toContain('.unleak.yaml');
  });
  it('on a config that is not YAML, and on each problem of the second pass at once', async () => {
    const broken = tempRepo({ '.unleak.yaml': 'rules: [\n' });
    const result = await runCli(['scan', '.'], broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not valid YAML');
    const repo = tempRepo({
      '.unleak.yaml': [
        'disabledRules: [no-such-rule]',
        'rules:',
        '  - id: acme-key',
        '    title: Acme key',
        '    description: d',
        '    severity: high',
        '    keywords: [acme_]',
        '    pattern: "acme_(?<=x)[a-z]{10}"',
        'allowlist:',
        '  regexes: ["(unclosed"]',
      ].join('\n'),
    });
    const second = await runCli(['scan', '.'], repo);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('rules[0].pattern');
    expect(second.stderr).toContain('allowlist.regexes[0]');
    expect(second.stderr).toContain('disabledRules[0]');
    expect(second.stderr).toMatch(/3 problems/);
  });
});

describe('custom rules and allowlists from .unleak.yaml', () => {
  it('runs a custom RE2 rule and applies regex, line and stopword allowlists', async () => {
    const key = `acme_${'k9Qz2Lx7Wp4Rt8Vn'}`;
    const repo = tempRepo({
      '.unleak.yaml': [
        'rules:',
        '  - id: acme-api-key',
        '    title: Acme API key',
        '    description: Full access to the Acme account.',
        '    severity: high',
        '    keywords: [acme_]',
        '    pattern: "(?i)\\\\b(acme_[a-z0-9]{16})\\\\b"',
        '    secretGroup: 1',
        'allowlist:',
        '  regexes: ["^acme_test"]',
        '  lines: ["ALLOWED-LINE"]',
        '  stopwords: ["sandbox"]',
      ].join('\n'),
      'a.txt': [`key=${key}`, 'key=acme_testQz2Lx7Wp4Rt8V', `key=${key} ALLOWED-LINE`, 'key=acme_sandboxLx7Wp4Rt'].join('\n'),
    });
    const { stdout, code } = await runCli(['scan', '.', '--format', 'json'], repo);
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; line: number }[] }).findings;
    expect(findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['acme-api-key:1']);
  });
  it('lists rules, including custom ones', async () => {
    const repo = tempRepo({ '.unleak.yaml': 'disabledRules: [github-oauth-token]\n' });
    const { stdout, code } = await runCli(['rules', 'list'], repo);
    expect(code).toBe(0);
    expect(stdout).toContain('github-classic-pat');
    expect(stdout).not.toContain('github-oauth-token');
  });
});

describe('baseline', () => {
  it("records today's findings; later scans report only new ones, even after lines move", async () => {
    const old = githubToken();
    const repo = tempRepo({ 'a.env': `OLD=${old}\n` });
    const created = await runCli(['baseline', 'create', '--output', 'baseline.json'], repo);
    expect(created.code).toBe(0);
    expect(readFileSync(join(repo, 'baseline.json'), 'utf8')).not.toContain(old);
    expect((await runCli(['scan', '.', '--baseline', 'baseline.json'], repo)).code).toBe(0);
    writeFileSync(join(repo, 'a.env'), `# moved down\n\n\nOLD=${old}\n`);
    expect((await runCli(['scan', '.', '--baseline', 'baseline.json'], repo)).code).toBe(0);
    const fresh = githubToken();
    writeFileSync(join(repo, 'a.env'), `OLD=${old}\nNEW=${fresh}\n`);
    const { stdout, code } = await runCli(['scan', '.', '--baseline', 'baseline.json', '--format', 'json'], repo);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { line: number }[]; stats: { suppressedByBaseline: number } };
    expect(report.findings.map((f) => f.line)).toEqual([2]);
    expect(report.stats.suppressedByBaseline).toBe(1);
  });
  it('uses .unleak-baseline.json in the scanned folder when no --baseline is given', async () => {
    const repo = tempRepo({ 'a.env': `OLD=${githubToken()}\n` });
    expect((await runCli(['baseline', 'create'], repo)).code).toBe(0);
    expect((await runCli(['scan', '.'], repo)).code).toBe(0);
    writeFileSync(join(repo, 'b.env'), `NEW=${githubToken()}\n`);
    expect((await runCli(['scan', '.'], repo)).code).toBe(1);
  });
  it('fails with exit 2 on a missing or malformed baseline', async () => {
    const repo = tempRepo({ 'bad.json': '{"x":1}' });
    expect((await runCli(['scan', '.', '--baseline', 'nope.json'], repo)).code).toBe(2);
    expect((await runCli(['scan', '.', '--baseline', 'bad.json'], repo)).code).toBe(2);
  });
});

describe('scan --history DIR', () => {
  it('audits the repository in DIR from another folder, including deleted secrets', async () => {
    const token = githubToken();
    const repo = tempRepo({ 'a.env': `T=${token}\n` });
    gitIn(repo, 'rm', '-q', 'a.env');
    gitIn(repo, 'commit', '-qm', 'remove the token');
    const { code, stdout } = await runCli(['scan', '--history', repo, '--format', 'json', '--quiet'], tempTree());
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout) as { findings: { path: string; commit: string; author: string }[] }).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'a.env', author: 'Test User' });
    expect((await runCli(['scan', '--history', repo, repo], tempTree())).code).toBe(2);
  });
});
