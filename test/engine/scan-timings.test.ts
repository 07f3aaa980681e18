import { describe, expect, it } from 'vitest';
import { recordThreadTimings, scanChunk, threadTimings, Timings } from '../../src/engine/index.js';
import { githubToken } from '../helpers/tokens.js';
import { builtinRule, compileJs, testRule } from '../helpers/rules.js';

const rules = compileJs(
  builtinRule('github-classic-pat'),
  testRule({ id: 'never-runs', keywords: ['qqzzxxyy'], pattern: 'qqzzxxyy[0-9]{5}' }),
);

describe('scanChunk timings sink', () => {
  it('adds per-rule and per-phase times for the rules that ran, including inside decoded base64, and finds the same things', () => {
    const token = githubToken();
    const text = `a = "${token}"\nblob = "${Buffer.from(`GITHUB=${githubToken()}\n`).toString('base64')}"\n`;
    const timings = new Timings();
    const timed = scanChunk({ text, origin: { path: 'f.txt' } }, rules, { timings });
    expect(timed).toEqual(scanChunk({ text, origin: { path: 'f.txt' } }, rules));
    expect(timed.map((f) => f.decodedFrom ?? 'plain')).toEqual(['plain', 'base64']);
    const { phases, rules: perRule } = timings.snapshot();
    expect(Object.keys(perRule)).toEqual(['github-classic-pat']);
    for (const phase of ['prefilter', 'rules', 'validators', 'decoders', 'filters', 'positions'])
      expect(phases[phase], phase).toBeGreaterThanOrEqual(0);
    expect(Object.keys(phases).sort()).toEqual(['decoders', 'filters', 'positions', 'prefilter', 'rules', 'validators']);
  });

  it('records into the thread sink only while it is turned on, and merges snapshots', () => {
    const text = `t = "${githubToken()}"\n`;
    expect(threadTimings()).toBeUndefined();
    const sink = recordThreadTimings(true) as Timings;
    try {
      scanChunk({ text, origin: { path: 'f.txt' } }, rules);
      scanChunk({ text, origin: { path: 'f.txt' } }, rules);
    } finally {
      recordThreadTimings(false);
    }
    scanChunk({ text, origin: { path: 'f.txt' } }, rules);
    const once = sink.snapshot();
    expect(once.rules['github-classic-pat']).toBeGreaterThan(0);
    const merged = new Timings();
    merged.merge(once);
    merged.merge(once);
    expect(merged.rules.get('github-classic-pat')).toBeCloseTo(2 * (once.rules['github-classic-pat'] as number), 1);
    expect(sink.snapshot()).toEqual(once);
  });
});
