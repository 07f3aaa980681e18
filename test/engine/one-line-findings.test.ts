import { describe, expect, it } from 'vitest';
import { applyInlineAllow, compileAllowlist } from '../../src/filters/index.js';
import { snippetMasker } from '../../src/report/index.js';
import type { Finding } from '../../src/engine/index.js';

const COUNT = 200_000;
/** Each finding's line read once per line, not once per finding: milliseconds; re-reading the line per finding takes minutes. */
const BOUND_MS = 5_000;

/** `COUNT` findings of `k=<value>` laid out on one line (a minified file) after an allow marker, the line ending in a tag the allowlist knows. */
function oneLineOfFindings(): { text: string; findings: Finding[] } {
  const parts: string[] = [];
  const findings: Finding[] = [];
  const marker = '/* unleak:allow */ ';
  let at = marker.length;
  for (let i = 0; i < COUNT; i++) {
    const secret = `v${[...i.toString(36).padStart(8, '0')].reverse().join('')}`;
    const part = `k=${secret} `;
    findings.push({
      ruleId: 'test',
      title: 't',
      severity: 'high',
      path: 'a.js',
      line: 1,
      column: at + 3,
      endLine: 1,
      endColumn: at + 3 + secret.length,
      start: at + 2,
      end: at + 2 + secret.length,
      secret,
      entropy: 3,
      validation: 'none',
    });
    parts.push(part);
    at += part.length;
  }
  return { text: `${marker}${parts.join('')}ALLOWED-LINE`, findings };
}

describe('filters on a long line holding many findings', () => {
  const { text, findings } = oneLineOfFindings();

  it('inline allow markers: one look at the line, every finding allowed', () => {
    const started = performance.now();
    const kept = applyInlineAllow(findings, text);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(kept.length).toBe(0);
    expect(applyInlineAllow(findings, text.replace('unleak:allow', 'nothing'))).toHaveLength(COUNT);
  });

  it('allowlist line regexes: one test of the line, every finding allowed', () => {
    const allowlist = compileAllowlist({ paths: [], regexes: [], lines: ['ALLOWED-LINE$'], stopwords: [] });
    const started = performance.now();
    const kept = allowlist.filter(findings, text);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(kept.length).toBe(0);
    expect(allowlist.filter(findings, text.replace('ALLOWED-LINE', 'x'))).toHaveLength(COUNT);
  });

  it('masked snippets: each looks only at its own window of the line, every value masked', () => {
    const started = performance.now();
    const snippet = snippetMasker(text, findings);
    // The last quarter: megabytes into the line, where a walk back to the line start costs the most.
    const snippets = findings.slice(-COUNT / 4).map((finding) => snippet(finding));
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(snippets).toHaveLength(COUNT / 4);
    expect(snippets.some((shown) => /v[0-9a-z]{8}/.test(shown))).toBe(false);
  });
});
