import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';

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
      for (const text of spec.examples.positive) {
        expect(spec.keywords.some((k) => text.toLowerCase().includes(k)), `${spec.id}: ${spec.keywords.join(',')}`).toBe(true);
      }
    }
  });

  it('gives line-scoped rules the same findings as a whole-text run (their matches hold a keyword and stay on one line)', () => {
    const scoped = loaded.filter(({ spec }) => spec.scope === 'line');
    expect(scoped.length).toBeGreaterThan(0);
    const run = (spec: RuleSpec, text: string) => scanChunk({ text, origin: { path: 'config/app.env' } }, compileRules([{ spec, engine: 'js' }])).map((f) => [f.start, f.end, f.secret]);
    for (const { spec } of scoped) {
      const text = [...spec.examples.positive, ...spec.examples.negative.map((n) => n.text)].join('\nconst unrelated = 1;\n');
      const { scope: _scope, ...whole } = spec;
      expect(run(spec, text), spec.id).toEqual(run(whole, text));
      expect(run(spec, text).length, spec.id).toBeGreaterThanOrEqual(spec.examples.positive.length);
    }
  });
});
