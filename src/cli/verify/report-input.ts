import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../../engine/index.js';
import { UnleakError } from '../../errors.js';
import type { ReportFinding, ScanStats } from '../../report/index.js';

/** An earlier JSON report, read back as findings (raw values only where it was written with `--reveal`). */
export interface ReadReport {
  findings: Finding[];
  stats: ScanStats;
  /** How many findings carry their raw value. */
  withValues: number;
}

const notAReport = (path: string) =>
  new UnleakError('UNLEAK_USAGE', `${path} is not an unleak JSON report`, {
    hint: 'Write one with `unleak scan --format json --reveal -o report.json`.',
  });

function toFinding(entry: ReportFinding): Finding {
  return {
    ruleId: entry.ruleId,
    title: entry.title,
    severity: entry.severity,
    path: entry.path,
    line: entry.line,
    column: entry.column,
    endLine: entry.endLine,
    endColumn: entry.endColumn,
    start: 0,
    end: 0,
    secret: typeof entry.secret === 'string' ? entry.secret : '',
    entropy: entry.entropy,
    validation: entry.validation,
    fingerprint: entry.fingerprint,
    ...(entry.commit ? { commit: entry.commit, author: entry.author, email: entry.email, date: entry.date } : {}),
  };
}

/** Reads `unleak scan --format json` output; a usage error when the file is something else. */
export function readReport(cwd: string, path: string): ReadReport {
  let parsed: { version?: unknown; findings?: unknown; stats?: unknown };
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, path), 'utf8')) as typeof parsed;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UnleakError('UNLEAK_USAGE', `cannot read ${path}: ${code}`);
    throw notAReport(path);
  }
  if (parsed.version !== 1 || !Array.isArray(parsed.findings)) throw notAReport(path);
  const entries = parsed.findings as ReportFinding[];
  if (entries.some((entry) => typeof entry?.ruleId !== 'string' || typeof entry.path !== 'string' || typeof entry.line !== 'number'))
    throw notAReport(path);
  const findings = entries.map(toFinding);
  return { findings, stats: parsed.stats as ScanStats, withValues: findings.filter((finding) => finding.secret !== '').length };
}
