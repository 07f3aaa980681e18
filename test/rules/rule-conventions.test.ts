import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { redact } from '../../src/report/index.js';
import { withGeneratedExamples } from '../helpers/example-tokens.js';

const loaded = loadRuleFiles();

describe('rule conventions', () => {
  it('has at least 40 rules', () => {
    expect(loaded.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every rule a unique kebab-case id', () => {
    const ids = loaded.map((r) => r.spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('gives every rule keywords, a reference link and two examples of each kind with reasons', () => {
    for (const { spec } of loaded) {
      expect(spec.keywords.length, spec.id).toBeGreaterThan(0);
      expect(spec.references.every((url) => /^https:\/\//.test(url)), spec.id).toBe(true);
      expect(spec.examples.positive.length, spec.id).toBeGreaterThanOrEqual(2);
      expect(spec.examples.negative.length, spec.id).toBeGreaterThanOrEqual(2);
      for (const negative of spec.examples.negative) expect(negative.reason.length, spec.id).toBeGreaterThan(5);
    }
  });

  it('keeps one YAML file per provider family, named in kebab-case', () => {
    for (const name of readdirSync(new URL('../../rules/', import.meta.url))) expect(name).toMatch(/^[a-z0-9-]+\.yaml$/);
  });

  it('puts a keyword of the rule in each positive example (the prefilter needs one)', () => {
    for (const { spec } of loaded) {
      for (const text of withGeneratedExamples(spec).examples.positive) {
        expect(spec.keywords.some((k) => text.toLowerCase().includes(k)), `${spec.id}: ${spec.keywords.join(',')}`).toBe(true);
      }
    }
  });

  it('gives line- and keyword-scoped rules the same findings as a whole-text run (their matches hold a keyword and stay on one line, or start at a keyword)', () => {
    const scoped = loaded.filter(({ spec }) => spec.scope !== undefined);
    expect(scoped.filter(({ spec }) => spec.scope === 'keyword').length).toBeGreaterThan(0);
    expect(scoped.length).toBeGreaterThan(0);
    // Paths limits are not what this compares: the examples run as one file whatever paths a rule is limited to.
    const run = ({ paths: _paths, ...spec }: RuleSpec, text: string) => scanChunk({ text, origin: { path: 'config/app.env' } }, compileRules([{ spec, engine: 'js' }])).map((f) => [f.start, f.end, f.secret]);
    for (const { spec } of scoped) {
      const { positive, negative } = withGeneratedExamples(spec).examples;
      const text = [...positive, ...negative.map((n) => n.text)].join('\nconst unrelated = 1;\n');
      const { scope: _scope, ...whole } = spec;
      expect(run(spec, text), spec.id).toEqual(run(whole, text));
      expect(run(spec, text).length, spec.id).toBeGreaterThanOrEqual(spec.examples.positive.length);
    }
  });

  it('commits no checksum-valid token in an example: such examples name a generator (`{{generate:…}}`)', () => {
    const all = compileRules(loaded.map(({ spec }) => ({ spec, engine: 'js' as const })));
    // An armored OpenPGP key block carries a CRC24 of its bytes: a key, not a token to generate.
    const keyBlocks = new Set(['pgp-private-key']);
    const committed: string[] = [];
    for (const { spec, file } of loaded) {
      for (const text of [...spec.examples.positive, ...spec.examples.negative.map((n) => n.text)]) {
        const valid = scanChunk({ text, origin: { path: 'example.txt' } }, all).filter((f) => f.validation === 'checksum-valid' && !keyBlocks.has(f.ruleId));
        committed.push(...valid.map((f) => `${file} ${spec.id}: ${f.ruleId} ${redact(f.secret)}`));
      }
    }
    expect(committed).toEqual([]);
  });
});
