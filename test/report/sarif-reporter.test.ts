import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { runCli, tempRepo } from '../helpers/cli.js';
import { githubToken, checksumToken } from '../helpers/tokens.js';

const schemaPath = fileURLToPath(new URL('../../fixtures/schemas/sarif-2.1.0.json', import.meta.url));
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

interface SarifLog {
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          properties: Record<string, unknown>;
          help: { text: string };
          shortDescription: { text: string };
          fullDescription: { text: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { region: Record<string, number>; artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

async function sarifFor(files: Record<string, string>): Promise<{ text: string; log: SarifLog }> {
  const repo = tempRepo(files);
  const { stdout, code } = await runCli(['scan', '.', '--format', 'sarif'], repo);
  expect(code).toBe(1);
  return { text: stdout, log: JSON.parse(stdout) as SarifLog };
}

describe('SARIF report', () => {
  it('is valid against the SARIF 2.1.0 schema', async () => {
    const { log } = await sarifFor({ 'a.env': `A=${githubToken()}\nB=${checksumToken('gho_')}\n` });
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has one descriptor per rule used, with severity, CWE-798 tags, help and partial fingerprints', async () => {
    const { log, text } = await sarifFor({ 'a.env': `A=${githubToken()}\nB=${githubToken()}\nC=${checksumToken('gho_')}\n` });
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['github-classic-pat', 'github-oauth-token']);
    for (const rule of run.tool.driver.rules) {
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
      expect(rule.properties.tags).toContain('CWE-798');
      expect(rule.help.text).toContain('unleak fix');
      expect(rule.shortDescription.text.length).toBeGreaterThan(3);
    }
    expect(run.results).toHaveLength(3);
    const third = run.results[2]!;
    expect(run.tool.driver.rules[third.ruleIndex]?.id).toBe(third.ruleId);
    expect(third.partialFingerprints).toEqual({
      'unleakFingerprint/v2': expect.stringMatching(/^github-oauth-token:v2:[0-9a-f]{32}$/) as string,
    });
    expect(third.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 43 });
    expect(text).not.toMatch(/gh[po]_[A-Za-z0-9]{36}/);
  });

  it("passes Microsoft's SARIF validator with no errors", async () => {
    if (!existsSync(multitool)) throw new Error('@microsoft/sarif-multitool is a devDependency and must be installed');
    const { text } = await sarifFor({ 'config/app.yaml': `token: ${githubToken()}\n` });
    const dir = mkdtempSync(join(tmpdir(), 'unleak-sarif-'));
    writeFileSync(join(dir, 'in.sarif'), text);
    execFileSync(
      multitool,
      ['validate', join(dir, 'in.sarif'), '--output', join(dir, 'out.sarif'), '--level', 'Error;Warning', '--kind', 'Fail'],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const validation = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
      runs: { results: { level?: string; message: { text?: string } }[] }[];
    };
    const errors = validation.runs.flatMap((r) => r.results).filter((r) => (r.level ?? 'warning') === 'error');
    expect(errors.map((e) => e.message.text)).toEqual([]);
    expect(validation.runs.length).toBeGreaterThan(0);
  }, 120_000);
});
