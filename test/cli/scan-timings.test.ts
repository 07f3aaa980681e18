import { describe, expect, it } from 'vitest';
import { gitIn, runCli, tempRepo, writeTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

interface JsonReport {
  findings: { ruleId: string; path: string; line: number }[];
  stats: Record<string, unknown> & { timings?: { wallMs: number; phases: Record<string, number>; rules: Record<string, number> } };
}

const parse = (stdout: string) => JSON.parse(stdout) as JsonReport;
/** The report without what changes run to run (durations) and without `stats.timings`. */
const stable = (report: JsonReport) => ({ findings: report.findings, stats: { ...report.stats, durationMs: 0, timings: undefined } });

/** A repository with two commits: a token in the first, another staged, and a URL with a password. */
function repoWithSecrets(): { repo: string; base: string } {
  const repo = tempRepo({
    'src/config.js': `module.exports = { token: "${githubToken()}" };\n`,
    'README.md': 'see https://example.com/docs\n',
  });
  const base = gitIn(repo, 'rev-parse', 'HEAD').trim();
  writeTree(repo, { 'deploy.env': `GITHUB_TOKEN=${githubToken()}\n` });
  gitIn(repo, 'add', '-A');
  gitIn(repo, 'commit', '-qm', 'deploy settings');
  writeTree(repo, { 'staged.txt': `t=${githubToken()}\n` });
  gitIn(repo, 'add', 'staged.txt');
  return { repo, base };
}

describe('unleak scan --timings', () => {
  const { repo, base } = repoWithSecrets();
  const modes: [string, string[]][] = [
    ['tree', ['.']],
    ['--staged', ['--staged']],
    ['--range', ['--range', `${base}..HEAD`]],
    ['--history', ['--history']],
  ];

  for (const [name, args] of modes) {
    it(`${name}: prints phases and the slowest rules to stderr; the findings, stats and exit code are otherwise unchanged`, async () => {
      const plain = await runCli(['scan', ...args, '--format', 'json'], repo);
      const timed = await runCli(['scan', ...args, '--format', 'json', '--timings'], repo);
      expect(plain.code, plain.stderr).toBe(1);
      expect(timed.code, timed.stderr).toBe(plain.code);
      expect(parse(plain.stdout).stats.timings).toBeUndefined();
      const report = parse(timed.stdout);
      expect(stable(report)).toEqual(stable(parse(plain.stdout)));

      const timings = report.stats.timings;
      expect(timings?.wallMs).toBeGreaterThan(0);
      const ruleIds = report.findings.map((f) => f.ruleId);
      for (const id of ruleIds) expect(Object.keys(timings?.rules ?? {})).toContain(id);
      for (const phase of ['prefilter', 'rules', 'validators', 'filters']) expect(timings?.phases[phase], phase).toBeGreaterThanOrEqual(0);

      expect(timed.stderr).toMatch(/^Phase\s+\| Time \(ms\) \| Relative$/m);
      expect(timed.stderr).toMatch(/^Rule\s+\| Time \(ms\) \| Relative$/m);
      expect(timed.stderr).toMatch(/^prefilter\s+\|\s+\d+\.\d \|/m);
      expect(timed.stderr).toMatch(/^report\s+\|\s+\d+\.\d \|/m);
      for (const id of new Set(ruleIds)) expect(timed.stderr).toMatch(new RegExp(`^${id}\\s+\\|\\s+\\d+\\.\\d \\|`, 'm'));
      expect(timed.stderr).toMatch(/all \d+ rules that ran: \d+\.\d ms/);
      expect(plain.stderr).not.toContain('Time (ms)');
    });
  }

  it('lists at most 10 rules, slowest first, and the text report stays on stdout', async () => {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `key${i} = "${githubToken()}" password=Hunter${i}Zq9x secret_token: ab${i}cd postgres://user:pw${i}x@db.example.com/app`,
    );
    const busy = tempRepo({ 'many.txt': `${lines.join('\n')}\n` });
    const plain = await runCli(['scan', '.'], busy);
    const timed = await runCli(['scan', '.', '--timings'], busy);
    expect(timed.code).toBe(plain.code);
    expect(timed.stdout.replace(/\d+\.\d+s/, '')).toBe(plain.stdout.replace(/\d+\.\d+s/, ''));
    const ruleRows =
      timed.stderr
        .split('\nRule')[1]
        ?.split('\n')
        .slice(2)
        .filter((row) => row.includes(' | ')) ?? [];
    expect(ruleRows.length).toBeGreaterThan(1);
    expect(ruleRows.length).toBeLessThanOrEqual(10);
    const times = ruleRows.map((row) => Number(row.split('|')[1]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
