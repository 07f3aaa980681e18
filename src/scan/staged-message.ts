import type { ScanResult } from '../report/index.js';

/**
 * What a pre-commit hook prints on stderr: the text report, then, when the commit is blocked,
 * the three ways out. Nothing when clean and quiet.
 */
export function stagedMessage(result: ScanResult, report: string, options: { quiet: boolean }): string {
  if (result.findings.length === 0) return options.quiet ? '' : report;
  const count = result.findings.length;
  return [
    report.trimEnd(),
    '',
    `unleak: commit blocked: the staged changes add ${count === 1 ? 'a secret' : `${count} secrets`} (shown redacted above).`,
    'Ways out:',
    '  1. unleak fix             move the secret to the encrypted store and reference it from the code, then stage again',
    '  2. unleak:allow           if it is not a secret (a test fixture, an example), add this comment on its line',
    '  3. unleak baseline create accept the findings of today in .unleak-baseline.json, and stage that file',
    '',
  ].join('\n');
}
