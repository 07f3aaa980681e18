import { fingerprintOf } from '../../src/filters/index.js';
import { positionOf } from '../../src/fix/text-edits.js';
import type { FixFinding, TreeFile } from '../../src/fix/index.js';

/** A finding for `secret` at its first occurrence in `text` (as the scanner would report it). */
export function findingIn(path: string, text: string, secret: string, overrides: Partial<FixFinding> = {}): FixFinding {
  const start = text.indexOf(secret);
  if (start === -1) throw new Error(`secret not in ${path}`);
  const { line, column } = positionOf(text, start);
  const ruleId = overrides.ruleId ?? 'github-classic-pat';
  return {
    ruleId,
    title: 'test finding',
    path,
    line,
    column,
    start,
    end: start + secret.length,
    secret,
    fingerprint: fingerprintOf(ruleId, path, secret),
    envName: 'GITHUB_TOKEN',
    provider: 'github',
    ...overrides,
  };
}

/** Tree files from a record. */
export function treeOf(files: Record<string, string>): TreeFile[] {
  return Object.entries(files).map(([path, text]) => ({ path, text }));
}
