import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubToken } from '../helpers/tokens.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { TestRepo } from './git-fixture.js';

let cli = '';
let repo: TestRepo;

beforeAll(async () => {
  cli = await buildTestCli();
  repo = TestRepo.create();
  // Over 64 blobs, so the scan is cut into segments for two workers; tokens only in files, never in commit messages.
  for (let c = 0; c < 4; c++) {
    const files: Record<string, string> = {};
    for (let f = 0; f < 40; f++) files[`pkg/file${f}.txt`] = `commit ${c} file ${f}\n${'filler line\n'.repeat(30 + f)}`;
    files[`secrets/s${c}.env`] = `TOKEN=${githubToken()}\n`;
    repo.write(files).commitAll(`commit ${c}`);
  }
}, 240_000);
afterAll(() => removeTestCli());

interface Report {
  findings: { ruleId: string }[];
  stats: { timings?: { phases: Record<string, number>; rules: Record<string, number> } };
}

describe('scan --history --timings on worker threads (built CLI)', () => {
  it("merges the workers' rule and read times into the main thread's table and stats.timings", { timeout: 240_000 }, () => {
    const ran = repo.run(process.execPath, [cli, 'scan', '--history', '--format', 'json', '--jobs', '2', '--timings']);
    expect(ran.code, ran.stderr).toBe(1);
    const report = JSON.parse(ran.stdout) as Report;
    expect(report.findings).toHaveLength(4);
    const ruleId = report.findings[0]?.ruleId as string;
    // Blobs are only scanned on the workers: their rule times reach the report only if merged.
    expect(report.stats.timings?.rules[ruleId]).toBeGreaterThan(0);
    expect(report.stats.timings?.phases.read).toBeGreaterThan(0);
    expect(report.stats.timings?.phases['history walk']).toBeGreaterThan(0);
    expect(ran.stderr).toMatch(new RegExp(`^${ruleId}\\s+\\|`, 'm'));
    expect(ran.stderr).toMatch(/^read\s+\|/m);
  });
});
