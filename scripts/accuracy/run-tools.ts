// Runs unleak and secretlint over a written corpus and returns their findings as (folder, line span).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** A finding reduced to what scoring needs. */
export interface ToolFinding {
  folder: string;
  line: number;
  endLine: number;
  /** unleak's confidence of the finding (`low`, `medium`, `high`). */
  confidence?: string;
}

const folderOf = (path: string) => path.split(/[\\/]/)[0] as string;

/** unleak's built CLI, JSON report, no git, nothing allowlisted. */
export function runUnleak(cliPath: string, root: string): ToolFinding[] {
  const res = spawnSync(
    process.execPath,
    [cliPath, 'scan', root, '--no-git', '--format', 'json', '--max-file-size', '50MB', '--quiet', '--min-confidence', 'low'],
    { encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  if (res.status !== 0 && res.status !== 1) throw new Error(`unleak failed (${res.status}): ${res.stderr}`);
  const report = JSON.parse(res.stdout) as { findings: { path: string; line: number; endLine: number; confidence?: string }[] };
  return report.findings.map((f) => ({ folder: folderOf(f.path), line: f.line, endLine: f.endLine, confidence: f.confidence }));
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path));
    }
  };
  walk(root);
  return out;
}

/** secretlint with its recommended preset, on every file (dotfiles included), JSON output. */
export function runSecretlint(binPath: string, root: string): ToolFinding[] {
  const config = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
  const files = listFiles(root);
  // secretlint exits before a large stdout is flushed to a pipe: its report goes to a file instead.
  const reportPath = join(mkdtempSync(join(tmpdir(), 'unleak-secretlint-')), 'report.json');
  const res = spawnSync(
    process.execPath,
    [binPath, '--format', 'json', '--no-glob', '--no-color', '--output', reportPath, '--secretlintrcJSON', config, ...files],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 },
  );
  if (res.status !== 0 && res.status !== 1) throw new Error(`secretlint failed (${res.status}): ${res.stderr.slice(0, 500)}`);
  const output = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
  rmSync(dirname(reportPath), { recursive: true, force: true });
  const results = JSON.parse(output || '[]') as {
    filePath: string;
    messages: { loc: { start: { line: number }; end: { line: number } } }[];
  }[];
  return results.flatMap((r) =>
    r.messages.map((m) => ({ folder: folderOf(relative(root, r.filePath)), line: m.loc.start.line, endLine: m.loc.end.line })),
  );
}
