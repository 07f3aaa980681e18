import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, loadConfig, loadRuleFiles } from '../../src/config/index.js';
import { compileRules, type RuleSpec } from '../../src/engine/index.js';
import { asScanned } from '../helpers/rules.js';
import {
  compiledBuiltinRules,
  compiledRulesFile,
  compiledScanRules,
  configFileIn,
  defaultConfig,
  parseSize,
  SCAN_RULES_FILE,
} from '../../src/config/config-defaults.js';

/** A package folder with rules/ and dist/builtin-rules.json, the JSON `ageSeconds` newer than the rule file. */
function packageDir(jsonNewerBy: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-defaults-'));
  mkdirSync(join(dir, 'dist'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'a.yaml'), 'rules: []\n');
  writeFileSync(join(dir, 'dist', 'builtin-rules.json'), JSON.stringify([{ id: 'x-y' }]));
  const rule = new Date(Date.now() - 120_000);
  const json = new Date(rule.getTime() + jsonNewerBy * 1000);
  utimesSync(join(dir, 'rules', 'a.yaml'), rule, rule);
  utimesSync(join(dir, 'dist', 'builtin-rules.json'), json, json);
  return dir;
}

describe('what a scan without a config file needs of src/config (no zod, no YAML)', () => {
  it('gives the defaults the config schema gives for an empty file, a new object each time', () => {
    expect(defaultConfig()).toStrictEqual(configSchema.parse({}));
    const first = defaultConfig();
    first.allowlist.paths.push('x');
    expect(defaultConfig().allowlist.paths).toEqual([]);
  });

  it('gives what loadConfig gives for a root without a config file', () => {
    const root = mkdtempSync(join(tmpdir(), 'unleak-defaults-root-'));
    const loaded = loadConfig(root);
    expect(loaded.config).toStrictEqual(defaultConfig());
    expect(loaded.file).toBeUndefined();
    expect(configFileIn(root)).toBeUndefined();
    writeFileSync(join(root, '.unleak.yml'), 'maxDecodeDepth: 1\n');
    expect(configFileIn(root)).toBe(join(root, '.unleak.yml'));
    writeFileSync(join(root, '.unleak.yaml'), 'maxDecodeDepth: 1\n');
    expect(configFileIn(root)).toBe(join(root, '.unleak.yaml'));
  });

  it('parses sizes', () => {
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseSize('512kb')).toBe(512 * 1024);
    expect(parseSize(' 1.5 gb ')).toBe(Math.floor(1.5 * 1024 ** 3));
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize(2048)).toBe(2048);
    expect(parseSize(0)).toBeUndefined();
    expect(parseSize('ten MB')).toBeUndefined();
  });

  it('uses dist/builtin-rules.json only when no rule file is newer', () => {
    const fresh = packageDir(60);
    expect(compiledRulesFile(fresh)).toBe(join(fresh, 'dist', 'builtin-rules.json'));
    expect(compiledBuiltinRules(fresh)).toEqual([{ id: 'x-y' }]);
    const stale = packageDir(-60);
    expect(compiledRulesFile(stale)).toBeUndefined();
    expect(compiledBuiltinRules(stale)).toBeUndefined();
    const none = mkdtempSync(join(tmpdir(), 'unleak-defaults-'));
    expect(compiledRulesFile(none)).toBeUndefined();
  });

  it('gives a scan the rules without their examples from the scan file, only when it is as new as builtin-rules.json', () => {
    const dir = packageDir(60);
    const full = [{ id: 'x-y', pattern: 'a', examples: { positive: ['a1', 'a2'], negative: [] } }];
    writeFileSync(join(dir, 'dist', 'builtin-rules.json'), JSON.stringify(full));
    expect(compiledScanRules(dir)).toEqual(full);
    writeFileSync(join(dir, 'dist', SCAN_RULES_FILE), JSON.stringify([{ id: 'x-y', pattern: 'a' }]));
    expect(compiledScanRules(dir)).toEqual([{ id: 'x-y', pattern: 'a', examples: { positive: [], negative: [] } }]);
    const older = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'dist', SCAN_RULES_FILE), older, older);
    expect(compiledScanRules(dir)).toEqual(full);
    expect(compiledScanRules(packageDir(-60))).toBeUndefined();
  });

  it('the scan file the build wrote holds the compiled rules as a scan compiles them, and the scan skips the widening', () => {
    const compiled = compiledBuiltinRules();
    const forScan = compiledScanRules();
    if (!compiled || !forScan) return;
    expect(forScan.map(({ examples: _examples, ...spec }) => spec)).toEqual(asScanned(compiled));
    expect(forScan.every((spec) => spec.examples.positive.length === 0)).toBe(true);
    const proximity = forScan.find((spec) => spec.detector === 'vendor-proximity');
    expect(proximity?.keywords.length).toBeGreaterThan(300);
    const compile = (specs: RuleSpec[]) => compileRules(specs.map((spec) => ({ spec, engine: 'js' as const })));
    expect(compile(forScan).rules.map((rule) => rule.spec.keywords)).toEqual(compile(compiled).rules.map((rule) => rule.spec.keywords));
    expect(compile(forScan).rules.find((rule) => rule.spec.detector)?.spec).toBe(proximity);
  });

  it('the compiled rules are the rule files when fresh', () => {
    const compiled = compiledBuiltinRules();
    if (compiled) expect(compiled.map((rule) => rule.id)).toEqual(loadRuleFiles().map((rule) => rule.spec.id));
  });
});
