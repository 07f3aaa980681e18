import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledRulesFile } from '../../src/config/config-defaults.js';
import { ACME_RULE_CONFIG } from '../helpers/rules.js';
import { buildTestCli, removeTestCli } from './built-cli.js';
import { gitEnv } from './git-fixture.js';

/**
 * The fixed cost of `scan FILE` and `scan --history`: with no config file they load neither the
 * YAML parser nor the config loader (a config file loads them on demand), and a history scan of
 * a repository without tags starts one git process per step, none for tag objects.
 * (The rule schema's zod is still reachable through the engine's door, src/engine/index.ts.)
 */

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.UNLEAK_TEST_LOADED, result.url + '\\n');
  return result;
}
`;

const HEAVY = ['yaml', 'pg', 'mysql2', 'age-encryption', 'ioredis', '@octokit', 'simple-git', 'amqplib', 'fast-glob', 'zod'];

const TOKEN = `acme_${'q8zk3m1x9vb2r7tyw4pn'}`;

let dir: string;
let cli: string;

beforeAll(async () => {
  if (!compiledRulesFile()) throw new Error('dist/builtin-rules.json is missing or older than a rule file: run npm run build');
  cli = await buildTestCli();
  dir = mkdtempSync(join(tmpdir(), 'unleak-scan-lean-'));
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const shims = join(dir, 'bin');
  mkdirSync(shims);
  const git = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(shims, 'git'), `#!/bin/sh\necho "$*" >> "$UNLEAK_TEST_GIT_LOG"\nexec ${JSON.stringify(git)} "$@"\n`);
  chmodSync(join(shims, 'git'), 0o755);
}, 120_000);

afterAll(() => {
  removeTestCli();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function repo(name: string, files: Record<string, string>): string {
  const env = gitEnv();
  const path = join(dir, name);
  spawnSync('git', ['init', '-q', '-b', 'main', path], { env });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  spawnSync('git', ['add', '.'], { cwd: path, env });
  spawnSync('git', ['commit', '-q', '-m', 'initial'], { cwd: path, env });
  return path;
}

/** Runs the built CLI; returns its exit code, the modules it loaded and the git commands it ran. */
function scan(cwd: string, args: string[]): { code: number; stderr: string; loaded: string[]; gitCalls: string[] } {
  const loadedFile = join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const gitLog = join(dir, `git-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(loadedFile, '');
  writeFileSync(gitLog, '');
  const env = gitEnv({
    UNLEAK_TEST_LOADED: loadedFile,
    UNLEAK_TEST_GIT_LOG: gitLog,
    PATH: `${join(dir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
  });
  const ran = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, cli, 'scan', ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const loaded = [
    ...new Set(
      readFileSync(loadedFile, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:')),
    ),
  ];
  const gitCalls = readFileSync(gitLog, 'utf8').split('\n').filter(Boolean);
  return { code: ran.status ?? -1, stderr: ran.stderr, loaded, gitCalls };
}

function bundledPackages(loaded: string[]): string[] {
  const text = loaded.map((url) => readFileSync(fileURLToPath(url), 'utf8')).join('\n');
  return HEAVY.filter((name) => text.includes(`// node_modules/${name}/`));
}

describe('the fixed cost of a scan', { timeout: 120_000 }, () => {
  it('scan FILE and scan --history without a config file load no YAML parser or config loader', () => {
    const path = repo('plain', { 'app.js': 'const port = 8080;\n' });
    for (const args of [['app.js'], ['--history']]) {
      const ran = scan(path, args);
      expect(ran.code, ran.stderr).toBe(0);
      expect(bundledPackages(ran.loaded), args.join(' ')).toEqual([]);
      expect(
        ran.loaded.some((url) => readFileSync(fileURLToPath(url), 'utf8').includes('// src/config/load-config.ts')),
        args.join(' '),
      ).toBe(false);
    }
  });

  it('scan --history of a repository without tags asks git each thing once and starts no tag reader', () => {
    const path = repo('calls', { 'app.js': 'const port = 8080;\n' });
    const ran = scan(path, ['--history']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.gitCalls.filter((call) => call.startsWith('rev-parse'))).toHaveLength(1);
    expect(ran.gitCalls.filter((call) => call.startsWith('for-each-ref'))).toHaveLength(1);
    expect(ran.gitCalls.filter((call) => call.includes('--batch-all-objects'))).toHaveLength(1);
    // The tag reader: a plain `cat-file --batch` (the blob reader bounds its memory with -c options).
    expect(ran.gitCalls.filter((call) => call === 'cat-file --batch')).toEqual([]);
  });

  it('scan FILE asks git for the top and the listing once each', () => {
    const path = repo('file-calls', { 'app.js': 'const port = 8080;\n' });
    const ran = scan(path, ['app.js']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.gitCalls).toEqual(['rev-parse --show-toplevel', '-c core.quotePath=off ls-files -co --exclude-standard -z -- app.js']);
  });

  it('a config file still loads the config loader: its rules run in every mode', () => {
    const path = repo('configured', { '.unleak.yaml': ACME_RULE_CONFIG, 'app.js': `const key = "${TOKEN}";\n` });
    for (const args of [['app.js'], ['--history']]) {
      const ran = scan(path, args);
      expect(ran.code, `${args.join(' ')}: ${ran.stderr}`).toBe(1);
    }
    writeFileSync(join(path, 'more.js'), `const other = "${TOKEN.replace('q8', 'z7')}";\n`);
    spawnSync('git', ['add', 'more.js'], { cwd: path, env: gitEnv() });
    const staged = scan(path, ['--staged']);
    expect(staged.code, staged.stderr).toBe(1);
  });
});
