import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeywordPrefilter } from '../../src/engine/prefilter.js';
import { KeywordAutomaton } from '../../src/engine/aho-corasick.js';
import { automatonBytes, automatonFromBytes } from '../../src/engine/automaton-file.js';
import { AUTOMATON_FILE, compiledScanRules, prebuiltAutomaton } from '../../src/config/config-defaults.js';
import { packageRoot } from '../../src/config/package-root.js';
import { compileRules } from '../../src/engine/compile.js';

const ruleKeywords = [['ab', 'token'], ['abc'], ['bc', 'ghp_'], ['c'], ['to']];
const texts = () => Array.from({ length: 40 }, () => [...randomBytes(400)].map((b) => 'abcABC_ghpTOKEN \n'[b % 17]).join(''));

describe('keyword automaton file', () => {
  it('reads back tables that find what the built automaton finds, for the same keywords only', () => {
    const built = new KeywordPrefilter(ruleKeywords);
    const keywords = built.automatonKeywordList as readonly string[];
    const bytes = automatonBytes(keywords, built.automatonTables() as NonNullable<ReturnType<typeof built.automatonTables>>);
    const read = automatonFromBytes(bytes, keywords);
    expect(read?.delta).toBeInstanceOf(Uint16Array);
    const adopted = new KeywordPrefilter(ruleKeywords);
    let asked: readonly string[] | undefined;
    adopted.usePrebuilt((wanted) => {
      asked = wanted;
      return automatonFromBytes(bytes, wanted);
    });
    expect(adopted.automatonTables()?.delta).toEqual(read?.delta);
    expect(asked).toEqual(keywords);
    for (const text of texts()) expect(adopted.hits(text)).toEqual(new KeywordPrefilter(ruleKeywords).hits(text));
    // Another keyword list (a custom rule, a disabled one), another order, a damaged file: refused.
    expect(automatonFromBytes(bytes, [...keywords, 'zz'])).toBeUndefined();
    expect(automatonFromBytes(bytes, [...keywords].reverse())).toBeUndefined();
    expect(automatonFromBytes(bytes.subarray(0, bytes.length - 1), keywords)).toBeUndefined();
    expect(automatonFromBytes(new TextEncoder().encode('UNLEAKAC1\n{not json\n'), keywords)).toBeUndefined();
  });

  it('reads back 32-bit tables (more states than 16 bits hold)', () => {
    let seed = 3;
    const letter = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 'abcdefghijklmnopqrstuvwxyz'[seed % 26];
    };
    const keywords = [...new Set(Array.from({ length: 3500 }, () => Array.from({ length: 12 }, letter).join('')))];
    const automaton = new KeywordAutomaton(keywords);
    const tables = automaton.tables();
    expect(tables.delta).toBeInstanceOf(Int32Array);
    const read = automatonFromBytes(automatonBytes(keywords, tables), keywords);
    expect(read?.delta).toBeInstanceOf(Int32Array);
    expect(read).toEqual(tables);
  });

  it('builds its own automaton when the ready-made tables are refused', () => {
    const prefilter = new KeywordPrefilter([['zz', 'yy']]);
    prefilter.usePrebuilt(() => undefined);
    expect(prefilter.automatonTables()?.delta).toBeInstanceOf(Uint16Array);
    expect([...prefilter.hits('zz yy ab').keys()]).toEqual([0]);
  });

  it("ships with the build for exactly the built-in rules' keywords, as a scan compiles them", () => {
    const file = join(packageRoot(), 'dist', AUTOMATON_FILE);
    expect(existsSync(file), `${file}: written by npm run build`).toBe(true);
    const specs = compiledScanRules();
    expect(specs, 'dist/builtin-rules.scan.json').toBeDefined();
    const { prefilter } = compileRules((specs ?? []).map((spec) => ({ spec, engine: 'js' as const })));
    const keywords = prefilter.automatonKeywordList as readonly string[];
    const tables = prebuiltAutomaton()(keywords);
    expect(tables, 'the shipped tables are taken for the built-in keywords').toBeDefined();
    const fromFile = automatonFromBytes(readFileSync(file), keywords);
    expect(fromFile?.delta).toEqual(tables?.delta);
    // Read from a Buffer, every table has its own memory: a worker thread is sent the tables, not the file.
    for (const array of Object.values(fromFile ?? {}))
      if (ArrayBuffer.isView(array)) expect(array.buffer.byteLength).toBe(array.byteLength);
    const built = new KeywordPrefilter((specs ?? []).map((spec) => spec.keywords));
    built.usePrebuilt(() => undefined);
    expect(tables?.delta).toEqual(built.automatonTables()?.delta);
  });
});
