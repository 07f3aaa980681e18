import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { compiledRulesFile } from '../../src/config/config-defaults.js';
import { needsConfigLoader, prepareScanAsync } from '../../src/scan/prepare.js';
import { ACME_RULE_CONFIG, asScanned } from '../helpers/rules.js';

const root = (files: Record<string, string> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-prepare-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

const CUSTOM = `${ACME_RULE_CONFIG}maxFileSize: 1MB
maxDecodeDepth: 1
`;

describe('prepareScan: the config loader (zod, YAML) only for a root that has a config file', () => {
  it('needs the config loader for a config file, --config, or rule files newer than the compiled rules', () => {
    const fresh = compiledRulesFile() !== undefined;
    expect(needsConfigLoader(root(), {})).toBe(!fresh);
    expect(needsConfigLoader(root(), { config: 'other.yaml' })).toBe(true);
    expect(needsConfigLoader(root({ '.unleak.yaml': 'maxDecodeDepth: 1\n' }), {})).toBe(true);
    expect(needsConfigLoader(root({ '.unleak.yml': 'maxDecodeDepth: 1\n' }), {})).toBe(true);
  });

  it('sets up from the config file as loadConfig reads it', async () => {
    const dir = root({ '.unleak.yaml': CUSTOM });
    const setup = await prepareScanAsync(dir, {});
    const loaded = loadConfig(dir);
    expect(setup.config).toStrictEqual(loaded.config);
    expect(setup.configFile).toBe(join(dir, '.unleak.yaml'));
    expect(setup.ruleInputs).toEqual(loaded.rules);
    expect(setup.ruleInputs.find((rule) => rule.spec.id === 'acme-token')?.engine).toBe('re2');
    expect(setup.maxFileSize).toBe(1024 * 1024);
  });

  it('sets up without a config file as loadConfig does, and takes the flags', async () => {
    const dir = root();
    const setup = await prepareScanAsync(dir, { maxFileSize: '2MB', minConfidence: 'high' });
    const loaded = loadConfig(dir);
    expect(setup.config).toStrictEqual(loaded.config);
    expect(setup.configFile).toBeUndefined();
    // The scan's specs come from dist/builtin-rules.scan.json: no examples, the vocabulary widened.
    expect(setup.ruleInputs.map((input) => input.engine)).toEqual(loaded.rules.map((input) => input.engine));
    expect(asScanned(setup.ruleInputs.map((input) => input.spec))).toEqual(asScanned(loaded.rules.map((input) => input.spec)));
    expect(setup.maxFileSize).toBe(2 * 1024 * 1024);
    expect(setup.minConfidence).toBe('high');
  });

  it('reports a bad config file as loadConfig does', async () => {
    const dir = root({ '.unleak.yaml': 'maxDecodeDepth: 9\n' });
    await expect(prepareScanAsync(dir, {})).rejects.toMatchObject({ code: 'UNLEAK_CONFIG_INVALID' });
    await expect(prepareScanAsync(root(), { config: 'missing.yaml' })).rejects.toMatchObject({ code: 'UNLEAK_CONFIG_NOT_FOUND' });
  });
});
