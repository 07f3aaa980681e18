import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestCli, removeTestCli } from '../git/built-cli.js';
import { tempRepo } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

/**
 * `npm i -g unleak`: the package is packed from this checkout's package.json (as published) with
 * a fresh build of the CLI, then installed globally into a temp prefix with npm offline. The CLI
 * is one bundle, so the package must need nothing else: a runtime dependency would have to be
 * downloaded (offline: the install fails) and drags in engine requirements of its own (Node 20:
 * `EBADENGINE content-type@3 requires node >=22`). Every library is a devDependency for that
 * reason: the bundle carries it, so `npm i unleak` must not install it again (27 MB of @octokit).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let cli = '';
beforeAll(async () => {
  cli = await buildTestCli();
}, 120_000);
afterAll(() => removeTestCli());

const npm = (args: string[], cwd: string) => {
  const ran = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return { code: ran.status ?? 128, stdout: ran.stdout ?? '', stderr: ran.stderr ?? '' };
};

/**
 * Packages the bundle may still name: node-postgres asks for its optional native binding only when
 * a caller reads `pg.native`, which unleak never does.
 */
const OPTIONAL_AT_RUNTIME = new Set(['pg-native']);

/** Bare module names the built files import or require that are not Node built-ins. */
function externalImports(dist: string): string[] {
  const builtins = new Set(builtinModules);
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(dist, file), 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\b[^;'"]*?from\s*"([^"]+)"|\bimport\("([^"]+)"\)|\b__require\("([^"]+)"\)/gm)) {
      const name = (match[1] ?? match[2] ?? match[3] ?? '').replace(/^node:/, '');
      if (name.startsWith('.') || builtins.has(name) || builtins.has(name.split('/')[0] ?? '') || OPTIONAL_AT_RUNTIME.has(name)) continue;
      found.add(`${name} (${relative(dist, join(dist, file))})`);
    }
  }
  return [...found];
}

/** The package folder `npm pack` sees after `npm ci`: package.json, README, rules and the build. */
function packageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-package-'));
  for (const file of ['package.json', 'README.md', 'action.yml', 'rules'])
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(dir, file), { recursive: true });
  cpSync(dirname(cli), join(dir, 'dist'), { recursive: true });
  return dir;
}

describe('npm i -g unleak', () => {
  it('installs the packed package with nothing to download and no engine warning, and the CLI runs', { timeout: 300_000 }, () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
      engines: { node: string };
      [field: string]: unknown;
    };
    expect(manifest.engines.node).toBe('>=20');
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies'])
      expect(manifest[field], field).toBeUndefined();
    const dir = packageFolder();
    const packed = npm(['pack', '--ignore-scripts', '--json'], dir);
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = join(dir, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
    const prefix = mkdtempSync(join(tmpdir(), 'unleak-global-'));
    const installed = npm(['install', '-g', tarball, '--prefix', prefix, '--offline'], dir);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).not.toContain('EBADENGINE');
    expect(installed.stdout).toMatch(/added 1 package/);
    const home = join(prefix, 'lib', 'node_modules', 'unleak');
    const nested = join(home, 'node_modules');
    expect(existsSync(nested) ? readdirSync(nested) : [], 'node_modules of the installed package').toEqual([]);
    expect(readdirSync(join(home, 'rules')).filter((file) => file.endsWith('.yaml')).length).toBeGreaterThan(10);
    expect(externalImports(join(home, 'dist')), 'modules the bundle expects from node_modules').toEqual([]);
    const chunks = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { readdirSync } from 'node:fs'; for (const f of readdirSync('chunks')) if (f.endsWith('.js')) await import('./chunks/' + f); process.exit(0);`,
      ],
      { cwd: join(home, 'dist'), encoding: 'utf8' },
    );
    expect(chunks.status, chunks.stderr).toBe(0);

    const unleak = join(prefix, 'bin', 'unleak');
    const version = spawnSync(unleak, ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(manifest.version);
    const repo = tempRepo();
    writeFileSync(join(repo, 'app.env'), `TOKEN=${githubToken()}\n`);
    const scan = spawnSync(unleak, ['scan', '.', '--format', 'json'], { cwd: repo, encoding: 'utf8' });
    expect(scan.status, scan.stderr).toBe(1);
    expect((JSON.parse(scan.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('github-classic-pat');
  });
});
