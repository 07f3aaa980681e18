import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseCommand, type DistRun } from './run-dist.js';

/** The annotations (error/warning/notice commands) of a run, parsed. */
export function annotations(run: DistRun, level?: 'error' | 'warning' | 'notice') {
  return run.commands.map(parseCommand).filter((c) => (level ? c.name === level : ['error', 'warning', 'notice'].includes(c.name)));
}

/**
 * Each secret is masked before anything else is printed (the log opens with the masks), and the
 * raw value appears in no other log line, nor in the summary, the SARIF file or anything sent to the API.
 */
export function expectSecretsMaskedAndKept(run: DistRun, secrets: string[], elsewhere: { sarif?: string; apiBodies?: string } = {}): void {
  const lines = run.stdout.split('\n');
  const firstOther = lines.findIndex((line) => !line.startsWith('::add-mask::'));
  for (const secret of secrets) {
    const maskAt = lines.indexOf(`::add-mask::${secret}`);
    expect(maskAt, 'the secret is masked').toBeGreaterThanOrEqual(0);
    expect(maskAt, 'the mask comes before any other line').toBeLessThan(firstOther);
    expect(
      lines.filter((line) => line.includes(secret)),
      'the secret is in no other log line',
    ).toEqual([`::add-mask::${secret}`]);
    expect(run.stderr.includes(secret)).toBe(false);
    expect(run.summary.includes(secret)).toBe(false);
    if (elsewhere.sarif) expect(elsewhere.sarif.includes(secret)).toBe(false);
    if (elsewhere.apiBodies) expect(elsewhere.apiBodies.includes(secret)).toBe(false);
  }
}

/** The SARIF file a run wrote, parsed. */
export function readSarif(
  workspace: string,
  file = 'unleak.sarif',
): {
  text: string;
  results: Array<{
    ruleId: string;
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    properties?: { commit?: string };
  }>;
} {
  const path = join(workspace, file);
  expect(existsSync(path), `${file} is written`).toBe(true);
  const text = readFileSync(path, 'utf8');
  const log = JSON.parse(text) as { version: string; runs: Array<{ results: never[] }> };
  expect(log.version).toBe('2.1.0');
  return { text, results: log.runs[0]!.results };
}
