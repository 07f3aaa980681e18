import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubToken } from '../../helpers/tokens.js';
import { bundleCli, isolatedEnv, runBundle, runPlain, sampleRepo, sha256, treeState } from './fix-helpers.js';

/**
 * The application keeps working: sample projects (fixtures/fix/) print hashes of the secrets they
 * are configured with; after `unleak fix`, `unleak run -- <start command>` prints the same hashes,
 * and a private key file that moved into the store is restored with `unleak run --file`.
 */

describe('unleak run after unleak fix (real processes)', () => {
  let cliPath: string;

  beforeAll(async () => {
    cliPath = await bundleCli();
  }, 120_000);

  it('a Node project: a token in the code and a private key file', () => {
    const token = githubToken();
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const repo = sampleRepo('node-app', token, { 'deploy/key.pem': key });
    const env = isolatedEnv();
    const expected = `token sha256:${sha256(token)}\nkey sha256:${sha256(key)}\n`;
    expect(runPlain(process.execPath, ['index.js'], repo)).toBe(expected);

    const fix = runBundle(cliPath, ['fix', '--yes'], repo, env);
    expect(fix.code, fix.err).toBe(0);
    expect(fix.out).toContain('Re-scan: none of the 2 fixed findings is reported any more.');
    expect(fix.out).toContain('unleak run --file PRIVATE_KEY=deploy/key.pem -- <your start or test command>');
    expect(`${fix.out}${fix.err}`.includes(token)).toBe(false);
    expect(readFileSync(join(repo, 'config.js'), 'utf8')).toContain('token: process.env.GITHUB_TOKEN,');
    expect(existsSync(join(repo, 'deploy/key.pem'))).toBe(false);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('/deploy/key.pem\n');
    expect(runPlain(process.execPath, ['index.js'], repo)).toBe('token sha256:missing\nkey sha256:missing\n');

    const run = runBundle(cliPath, ['run', '--file', 'PRIVATE_KEY=deploy/key.pem', '--', process.execPath, 'index.js'], repo, env);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe(expected);
    expect(existsSync(join(repo, 'deploy/key.pem'))).toBe(false);
  }, 120_000);

  it('a Python project: string literals, an f-string, a shell script and a YAML file', () => {
    const token = githubToken();
    const repo = sampleRepo('python-app', token);
    const env = isolatedEnv();
    const expected = `shell sha256:${sha256(token)}\ntoken sha256:${sha256(token)}\nheader sha256:${sha256(`token ${token}`)}\n`;
    expect(runPlain('sh', ['run.sh'], repo)).toBe(expected);

    const fix = runBundle(cliPath, ['fix', '--yes'], repo, env);
    expect(fix.code, fix.err).toBe(0);
    expect(fix.out).toContain('parses after the rewrite: app.py, run.sh, settings.yaml');
    const app = readFileSync(join(repo, 'app.py'), 'utf8');
    expect(app).toContain('import os\nimport hashlib\n');
    expect(app).toContain('TOKEN = os.environ["GITHUB_TOKEN"]');
    expect(readFileSync(join(repo, 'run.sh'), 'utf8')).toContain('T="${GITHUB_TOKEN}"');
    expect(readFileSync(join(repo, 'settings.yaml'), 'utf8')).toContain('token: ${GITHUB_TOKEN}');
    expect(runPlain('python3', ['-m', 'py_compile', 'app.py'], repo)).toBe('');

    const run = runBundle(cliPath, ['run', '--', 'sh', 'run.sh'], repo, env);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe(expected);
  }, 120_000);

  it('Ctrl-C sent to the real process while it applies leaves the project and the store as they were', async () => {
    const token = githubToken();
    const repo = sampleRepo('python-app', token);
    const env = isolatedEnv();
    expect(runBundle(cliPath, ['keys', 'generate'], repo, env).code).toBe(0);
    const before = treeState(repo);
    const child = spawn(process.execPath, [cliPath, 'fix', '--yes'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('unleak fix: plan') && !child.killed) child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toMatch(/interrupted(; every file and the store were restored, nothing changed| before anything was written)/);
    expect(code).toBe(2);
    expect(treeState(repo)).toEqual(before);
    expect(existsSync(join(repo, '.unleak'))).toBe(false);
  }, 120_000);
});
