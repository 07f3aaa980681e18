import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { compileRules, scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { containsUuid } from '../../src/engine/text-shapes.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';

const UUID_SHAPE = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const pieces = ['9e9885c5-8ba7-', '4B99-9aeb-', '8725557cbe5a', '9e9885c5', '8ba7-', '-', 'x', 'g1', ' ', '\n', 'token=', '--token ', '0'];
const randomText = (round: number): string => [...randomBytes(10 + (round % 60))].map((byte) => pieces[byte % pieces.length]).join('');

describe('containsUuid', () => {
  it('says what the UUID regex says, on random mixes of hex groups and dashes', () => {
    let held = 0;
    for (let round = 0; round < 2000; round++) {
      const text = randomText(round);
      expect(containsUuid(text), JSON.stringify(text)).toBe(UUID_SHAPE.test(text));
      if (UUID_SHAPE.test(text)) held += 1;
    }
    expect(held).toBeGreaterThan(20);
  });

  it('finds a UUID at the very start and end, in either case, and not a near miss', () => {
    expect(containsUuid('40cafbb8-2952-4194-a0bf-2bdb8095d160')).toBe(true);
    expect(containsUuid('key: 40CAFBB8-2952-4194-A0BF-2BDB8095D160')).toBe(true);
    expect(containsUuid('40cafbb8-2952-4194-a0bf-2bdb8095d16')).toBe(false);
    expect(containsUuid('40cafbb8-2952-4194-a0bf_2bdb8095d160')).toBe(false);
    expect(containsUuid('a-b-c-d')).toBe(false);
  });
});

describe('requires: uuid', () => {
  const uuidRules = loadRuleFiles()
    .map((rule) => rule.spec)
    .filter((spec) => spec.requires === 'uuid');
  const withoutRequires = (spec: RuleSpec): RuleSpec => {
    const { requires: _requires, ...rest } = spec;
    return rest as RuleSpec;
  };
  const run = (specs: RuleSpec[], text: string) =>
    scanChunk({ text, origin: { path: 'a.env' } }, compileRules(specs.map((spec) => ({ spec, engine: 'js' as const }))), {
      maxDecodeDepth: 0,
    }).map((f) => `${f.ruleId} ${f.start} ${f.end}`);

  it('is declared by the UUID-shaped credential rules', () => {
    expect(uuidRules.map((spec) => spec.id)).toContain('uuid-credential-assignment');
  });

  it('finds exactly what the same rules find without it, on texts with and without UUIDs', () => {
    let found = 0;
    for (let round = 0; round < 300; round++) {
      const text = `${randomText(round)}\napi_key = "40cafbb8-2952-4194-a0bf-2bdb8095d1${round % 2 ? '60' : 'x'}"\n--token ${randomText(round + 1)}`;
      const expected = run(uuidRules.map(withoutRequires), text);
      expect(run(uuidRules, text), JSON.stringify(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('skips a rule on a text without a UUID even where its keyword occurs', () => {
    const spec: RuleSpec = {
      ...(uuidRules.find((rule) => rule.id === 'uuid-credential-assignment') as RuleSpec),
      pattern: 'token=(\\w{8})',
      secretGroup: 1,
      allow: [],
      entropy: 0,
    };
    expect(run([withoutRequires(spec)], 'token=Qw8Er7Ty')).toHaveLength(1);
    expect(run([spec], 'token=Qw8Er7Ty')).toEqual([]);
    expect(run([spec], 'token=Qw8Er7Ty 40cafbb8-2952-4194-a0bf-2bdb8095d160')).toHaveLength(1);
  });
});
