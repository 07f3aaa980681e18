import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors.js';
import { compileRules, scanChunk } from '../../src/engine/index.js';
import { compileAllowlist } from '../../src/filters/index.js';
import { runCli, tempRepo, tempTree } from '../helpers/cli.js';

/** Catastrophic on a backtracking engine: 2^n steps on `a…a!` (28 a's: over 10 s in V8), linear on RE2. */
const EVIL = '(a+)+$';
const ADVERSARIAL = `${'a'.repeat(28)}!`;
/** RE2 answers in milliseconds; the bound only has to separate that from exponential backtracking. */
const BOUND_MS = 3_000;

/** A secret that ends in the adversarial text but is no placeholder, so every filter sees it. */
const HOSTILE_SECRET = `Zq8xLm3Vp7${ADVERSARIAL}`;

/** A custom rule reporting `key=<value>`; `extra` adds fields (YAML lines). */
function customRule(extra: string[] = []): string[] {
  return [
    'rules:',
    '  - id: acme-key',
    '    title: Acme key',
    '    description: d',
    '    severity: high',
    '    keywords: [key=]',
    '    pattern: "key=(\\\\S+)"',
    '    secretGroup: 1',
    ...extra.map((line) => `    ${line}`),
  ];
}

function configIn(lines: string[]): string {
  const root = tempTree();
  writeFileSync(join(root, '.unleak.yaml'), `${lines.join('\n')}\n`);
  return root;
}

/** Loads the config, compiles it, scans `text` at `path` through the engine and the config allowlist. */
function scanWith(root: string, text: string, path: string): { ms: number; found: number } {
  const resolved = loadConfig(root);
  const ruleSet = compileRules(resolved.rules.filter((rule) => rule.engine === 're2'));
  const allowlist = compileAllowlist(resolved.config.allowlist);
  const started = performance.now();
  const found = allowlist.filter(scanChunk({ text, origin: { path } }, ruleSet), text);
  return { ms: performance.now() - started, found: found.length };
}

function problemsOf(root: string): { file: string; field: string; message: string }[] {
  try {
    loadConfig(root);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('UNLEAK_CONFIG_INVALID');
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as ConfigError).problems;
  }
  throw new Error('the config was accepted');
}

describe('every user-supplied regex runs on RE2: (a+)+$ on adversarial input completes fast', () => {
  it.each([
    ['rules[].allow', customRule([`allow: ["${EVIL}"]`]), `key=${HOSTILE_SECRET}`, 'x.txt'],
    ['rules[].paths', customRule([`paths: ["${EVIL}"]`]), 'key=zz', ADVERSARIAL],
    ['rules[].excludePaths', customRule([`excludePaths: ["${EVIL}"]`]), 'key=zz', ADVERSARIAL],
    [
      'rules[].pattern',
      [
        'rules:',
        '  - id: acme-key',
        '    title: Acme key',
        '    description: d',
        '    severity: high',
        '    keywords: [aaa]',
        `    pattern: "${EVIL}"`,
      ],
      ADVERSARIAL,
      'x.txt',
    ],
    ['allowlist.regexes', [...customRule(), 'allowlist:', `  regexes: ["${EVIL}"]`], `key=${HOSTILE_SECRET}`, 'x.txt'],
    ['allowlist.lines', [...customRule(), 'allowlist:', `  lines: ["${EVIL}"]`], `key=${HOSTILE_SECRET}`, 'x.txt'],
  ])('%s', (_field, lines, text, path) => {
    const { ms } = scanWith(configIn(lines), text, path);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('keeps their meaning: allow is case-insensitive, paths narrow and excludePaths skip', () => {
    const value = 'Zq8x!Lm3Vp7Rt2Wn';
    const rule = (extra: string) => customRule([extra]);
    expect(scanWith(configIn(rule('allow: ["^zq8X"]')), `key=${value}`, 'a.txt').found).toBe(0);
    expect(scanWith(configIn(rule('allow: ["^nomatch"]')), `key=${value}`, 'a.txt').found).toBe(1);
    expect(scanWith(configIn(rule('paths: ["\\\\.env$"]')), `key=${value}`, 'a.txt').found).toBe(0);
    expect(scanWith(configIn(rule('paths: ["\\\\.env$"]')), `key=${value}`, 'prod.env').found).toBe(1);
    expect(scanWith(configIn(rule('excludePaths: ["^test/"]')), `key=${value}`, 'test/a.txt').found).toBe(0);
    expect(scanWith(configIn(rule('excludePaths: ["^test/"]')), `key=${value}`, 'src/a.txt').found).toBe(1);
  });
});

describe('a user-supplied regex that does not compile is a config error naming the file and field', () => {
  it.each([
    ['rules[0].allow[0]', customRule(['allow: ["("]'])],
    ['rules[0].paths[0]', customRule(['paths: ["("]'])],
    ['rules[0].excludePaths[0]', customRule(['excludePaths: ["("]'])],
    [
      'rules[0].pattern',
      [
        'rules:',
        '  - id: acme-key',
        '    title: Acme key',
        '    description: d',
        '    severity: high',
        '    keywords: [key=]',
        '    pattern: "("',
      ],
    ],
    ['allowlist.regexes[0]', ['allowlist:', '  regexes: ["("]']],
    ['allowlist.lines[0]', ['allowlist:', '  lines: ["("]']],
  ])('%s', (field, lines) => {
    expect(problemsOf(configIn(lines))).toEqual([{ file: '.unleak.yaml', field, message: expect.stringContaining('missing closing )') }]);
  });

  it('rejects JavaScript-only syntax a custom rule field would need a backtracking engine for', () => {
    const problems = problemsOf(configIn(customRule(['allow: ["(?<!x)a"]', 'paths: ["(a)\\\\1"]'])));
    expect(problems.map((p) => p.field)).toEqual(['rules[0].allow[0]', 'rules[0].paths[0]']);
  });

  it('lists every problem at once, schema problems included', () => {
    const lines = [
      ...customRule(['allow: ["("]', 'paths: ["["]', 'excludePaths: ["ok", "(?P<"]', 'validator: no-such-check']),
      'maxFileSize: lots',
      'allowlist:',
      '  regexes: ["("]',
      '  lines: ["fine", ")"]',
    ];
    const fields = problemsOf(configIn(lines)).map((p) => p.field);
    expect(fields.sort()).toEqual(
      [
        'allowlist.lines[1]',
        'allowlist.regexes[0]',
        'maxFileSize',
        'rules[0].allow[0]',
        'rules[0].excludePaths[1]',
        'rules[0].paths[0]',
        'rules[0].validator',
      ].sort(),
    );
  });
});

describe('the CLI with a hostile .unleak.yaml (as a fork pull request could commit)', () => {
  it('scans in time with (a+)+$ in allow, paths and excludePaths', async () => {
    const repo = tempRepo({
      '.unleak.yaml': customRule([`allow: ["${EVIL}"]`, `paths: ["${EVIL}"]`, `excludePaths: ["${EVIL}"]`]).join('\n'),
      [ADVERSARIAL]: `key=${HOSTILE_SECRET}\n`,
    });
    const started = performance.now();
    const result = await runCli(['scan', '.', '--format', 'json'], repo);
    expect(performance.now() - started).toBeLessThan(BOUND_MS * 3);
    expect(result.stderr).not.toContain('UNLEAK_INTERNAL');
    expect([0, 1]).toContain(result.code);
  });

  it('exits 2 with UNLEAK_CONFIG_INVALID, the file and the field on "(", not "a bug in unleak"', async () => {
    const repo = tempRepo({ '.unleak.yaml': customRule(['allow: ["("]', 'excludePaths: ["("]']).join('\n'), 'a.txt': 'key=zz\n' });
    const result = await runCli(['scan', '.'], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('UNLEAK_CONFIG_INVALID');
    expect(result.stderr).toContain('.unleak.yaml (rules[0].allow[0])');
    expect(result.stderr).toContain('.unleak.yaml (rules[0].excludePaths[0])');
    expect(result.stderr).not.toContain('bug in unleak');
  });
});
