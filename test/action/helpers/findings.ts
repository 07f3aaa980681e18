import type { Finding } from '../../../src/engine/index.js';

/** A finding as the scanner would give it; the test chooses where it is and what it holds. */
export function makeFinding(secret: string, where: Partial<Finding> & { path: string; line: number }): Finding {
  const column = where.column ?? 1;
  return {
    ruleId: 'github-classic-pat',
    title: 'GitHub personal access token (classic)',
    severity: 'critical',
    endLine: where.line,
    column,
    endColumn: column + secret.length,
    start: 0,
    end: secret.length,
    secret,
    entropy: 5,
    validation: 'checksum-valid',
    ...where,
  };
}
