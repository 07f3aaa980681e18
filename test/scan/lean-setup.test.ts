import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleFiles } from '../../src/config/index.js';
import { leanSetup } from '../../src/scan/lean-setup.js';
import { prepareScanAsync } from '../../src/scan/prepare.js';
import { asScanned } from '../helpers/rules.js';

function packageWithCompiledRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-lean-'));
  mkdirSync(join(dir, 'dist'));
  mkdirSync(join(dir, 'rules'));
  writeFileSync(join(dir, 'rules', 'a.yaml'), 'rules: []\n');
  writeFileSync(join(dir, 'dist', 'builtin-rules.json'), JSON.stringify(loadRuleFiles().map((rule) => rule.spec)));
  const older = new Date(Date.now() - 120_000);
  const built = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'rules', 'a.yaml'), older, older);
  utimesSync(join(dir, 'dist', 'builtin-rules.json'), built, built);
  return dir;
}

describe('the lean setup of a pre-commit scan (no zod, no YAML)', () => {
  it('sets up what prepareScan sets up for a root without a config file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'unleak-lean-root-'));
    const lean = leanSetup(root, {}, packageWithCompiledRules());
    const full = await prepareScanAsync(root, {});
    expect(lean).toBeDefined();
    // The scan rules file (prepareScan here; this package has none) holds the specs without examples, the vocabulary widened.
    expect(asScanned(lean?.rules)).toEqual(asScanned(full.rules));
    expect(lean?.ruleInputs.map((input) => input.engine)).toEqual(full.ruleInputs.map((input) => input.engine));
    expect(asScanned(lean?.ruleInputs.map((input) => input.spec))).toEqual(asScanned(full.ruleInputs.map((input) => input.spec)));
    expect(lean?.config).toEqual(full.config);
    expect(lean?.maxFileSize).toBe(full.maxFileSize);
    expect(lean?.minConfidence).toBe(full.minConfidence);
    expect(leanSetup(root, { minConfidence: 'high' }, packageWithCompiledRules())?.minConfidence).toBe('high');
    expect(lean?.ruleSet.rules.map((r) => r.spec.id)).toEqual(full.ruleSet.rules.map((r) => r.spec.id));
  });

  it('steps aside for a config file, --config, --max-file-size, or compiled rules older than a rule file', () => {
    const pkg = packageWithCompiledRules();
    const root = mkdtempSync(join(tmpdir(), 'unleak-lean-root-'));
    expect(leanSetup(root, { config: 'x.yaml' }, pkg)).toBeUndefined();
    expect(leanSetup(root, { maxFileSize: '1MB' }, pkg)).toBeUndefined();
    writeFileSync(join(root, '.unleak.yml'), 'maxDecodeDepth: 1\n');
    expect(leanSetup(root, {}, pkg)).toBeUndefined();
    const fresh = mkdtempSync(join(tmpdir(), 'unleak-lean-root-'));
    writeFileSync(join(pkg, 'rules', 'b.yaml'), 'rules: []\n');
    expect(leanSetup(fresh, {}, pkg)).toBeUndefined();
  });
});
