import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChild } from '../../../src/cli/store/child-runner.js';
import { parseFileSpec } from '../../../src/cli/store/run-files.js';
import { identityOf, randomValue } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/** unleak run: environment, exit codes, signals, --file. Children are real `node -e` processes. */

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const memoryBase = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const runDirs = (): string[] => readdirSync(memoryBase).filter((name) => name.startsWith('unleak-run-'));

describe('unleak run', () => {
  let repo: CliRepo;
  const token = randomValue();
  const key = `-----BEGIN TEST KEY-----\n${randomValue(48)}\n-----END TEST KEY-----\n`;

  beforeAll(async () => {
    repo = cliRepo();
    await repo.cli(['store', 'init', '--env', 'ci']);
    await repo.cli(['secrets', 'set', 'TOKEN', '--env', 'ci'], { stdin: token });
    await repo.cli(['secrets', 'set', 'DEPLOY_KEY', '--env', 'ci'], { stdin: key });
  });

  it('passes the secrets as environment variables and the exit code through', async () => {
    const before = runDirs();
    const script =
      "process.exit(require('crypto').createHash('sha256').update(process.env.TOKEN || '').digest('hex') === process.argv[1] ? 7 : 3)";
    const result = await repo.cli(['run', '--env', 'ci', '--', 'node', '-e', script, sha(token)], { env: { TOKEN: 'overridden' } });
    expect(result.code).toBe(7);
    expect(result.err).toBe('');
    expect(runDirs()).toEqual(before);
  });

  it('writes --file secrets 0600 for the life of the command and removes them', async () => {
    const report = join(repo.root, 'report.json');
    const script = `
      const fs = require('fs'), crypto = require('crypto');
      const paths = [process.env.DEPLOY_KEY_FILE, process.env.KEY_PATH, 'certs/deploy.pem'];
      const seen = paths.map((p) => ({ p: require('path').resolve(p), mode: fs.statSync(p).mode & 0o777, hash: crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex') }));
      fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify(seen));`;
    const result = await repo.cli([
      'run',
      '--env',
      'ci',
      '--file',
      'DEPLOY_KEY',
      '--file',
      'TOKEN=KEY_PATH',
      '--file',
      'DEPLOY_KEY=certs/deploy.pem',
      '--',
      'node',
      '-e',
      script,
    ]);
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(report, 'utf8')) as Array<{ p: string; mode: number; hash: string }>;
    expect(seen.map((file) => file.mode)).toEqual([0o600, 0o600, 0o600]);
    expect(seen.map((file) => file.hash)).toEqual([sha(key), sha(token), sha(key)]);
    expect(seen[2]?.p).toBe(join(repo.root, 'certs', 'deploy.pem'));
    for (const file of seen) expect(existsSync(file.p)).toBe(false);
    expect(existsSync(join(repo.root, 'certs'))).toBe(false);
  });

  it('refuses to overwrite an existing --file path and does not start the command', async () => {
    const existing = join(repo.root, 'id.pem');
    writeFileSync(existing, 'keep me');
    const marker = join(repo.root, 'started');
    const result = await repo.cli([
      'run',
      '--env',
      'ci',
      '--file',
      'DEPLOY_KEY=id.pem',
      '--',
      'node',
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`,
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('UNLEAK_RUN_FILE_EXISTS');
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps identity variables (SOPS_AGE_KEY, *_KEY_FILE, UNLEAK_* keys) from the child and passes everything else', async () => {
    const report = join(repo.root, 'child-env.json');
    const identity = identityOf(repo.key.path);
    const script = `require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.env))`;
    const env = {
      SOPS_AGE_KEY: identity,
      SOPS_AGE_KEY_FILE: repo.key.path,
      SOPS_AGE_KEY_CMD: 'cat key',
      UNLEAK_AGE_KEY: identity,
      KEEP_ME: 'kept',
      UNLEAK_ENV: 'ci',
    };
    const result = await repo.cli(['run', '--', 'node', '-e', script], { env });
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(report, 'utf8')) as Record<string, string>;
    for (const name of ['SOPS_AGE_KEY', 'SOPS_AGE_KEY_FILE', 'SOPS_AGE_KEY_CMD', 'UNLEAK_AGE_KEY', 'UNLEAK_AGE_KEY_FILE'])
      expect(seen[name], name).toBeUndefined();
    expect(Object.values(seen).some((value) => value.includes(identity) || value === repo.key.path)).toBe(false);
    expect(seen.KEEP_ME).toBe('kept');
    expect(seen.UNLEAK_ENV).toBe('ci');
    expect(sha(seen.TOKEN ?? '')).toBe(sha(token));
  });

  it('exits 127 when the command does not exist, and 128+N when a signal kills it', async () => {
    expect((await repo.cli(['run', '--env', 'ci', '--', 'unleak-no-such-command-x'])).code).toBe(127);
    expect((await repo.cli(['run', '--env', 'ci', '--', 'node', '-e', "process.kill(process.pid, 'SIGKILL')"])).code).toBe(137);
  });
});

describe('signal forwarding', () => {
  const trap =
    "process.on('SIGINT', () => process.exit(5)); process.on('SIGTERM', () => process.exit(42)); process.stdout.write('ready'); setInterval(() => {}, 1000);";
  const start = (interactive: boolean, signals: NodeJS.Signals[]): Promise<number> => {
    const source = new EventEmitter();
    return runChild({
      command: process.execPath,
      args: ['-e', trap],
      env: process.env,
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
      interactive,
      signalSource: source,
      onSpawn: (child) => child.stdout?.once('data', () => signals.forEach((signal) => source.emit(signal))),
    });
  };

  it('forwards SIGTERM and SIGINT to the child and returns its exit code', async () => {
    expect(await start(false, ['SIGTERM'])).toBe(42);
    expect(await start(false, ['SIGINT'])).toBe(5);
  });

  it('does not forward SIGINT a second time at a terminal (the child already got it)', async () => {
    expect(await start(true, ['SIGINT', 'SIGTERM'])).toBe(42);
  });
});

describe('--file specs', () => {
  it('parses NAME, NAME=VAR and NAME=PATH', () => {
    expect(parseFileSpec('KEY')).toEqual({ name: 'KEY', kind: 'temp', variable: 'KEY_FILE' });
    expect(parseFileSpec('KEY=GOOGLE_APPLICATION_CREDENTIALS')).toEqual({
      name: 'KEY',
      kind: 'temp',
      variable: 'GOOGLE_APPLICATION_CREDENTIALS',
    });
    expect(parseFileSpec('KEY=id_rsa.pem')).toEqual({ name: 'KEY', kind: 'path', target: 'id_rsa.pem' });
    expect(parseFileSpec('KEY=config/key')).toEqual({ name: 'KEY', kind: 'path', target: 'config/key' });
    expect(() => parseFileSpec('KEY=')).toThrow(/invalid --file/);
    expect(() => parseFileSpec('=X')).toThrow(/invalid --file/);
  });
});
