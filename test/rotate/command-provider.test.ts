import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { commandProvider } from '../../src/rotate/providers/command-provider.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { testIo } from './helpers/fake-io.js';

/**
 * A folder playing "the system": live.txt lists the values that work. The scripts manage it the
 * way a user's rotation scripts would manage a real credential.
 */
const dir = mkdtempSync(join(tmpdir(), 'unleak-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const live = (): string[] => readFileSync(join(dir, 'live.txt'), 'utf8').split('\n').filter(Boolean);
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nset -e\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const create = script(
  'create.sh',
  `read -r current\ngrep -qx "$current" live.txt || exit 3\n[ "$UNLEAK_SECRET_NAME" = API_TOKEN ] || exit 4\n[ "$UNLEAK_ROTATION_STEP" = create ] || exit 5\nnew=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \\n')\necho "$new" >> live.txt\necho "$new"`,
);
const test = script('test.sh', 'read -r value\ngrep -qx "$value" live.txt');
const revoke = script('revoke.sh', 'read -r value\ngrep -vx "$value" live.txt > live.tmp || true\nmv live.tmp live.txt');
const rollback = script(
  'rollback.sh',
  'cat > rollback.json\nnew=$(sed -E \'s/.*"newValue":"([^"]*)".*/\\1/\' rollback.json)\nold=$(sed -E \'s/.*"oldValue":"([^"]*)".*/\\1/\' rollback.json)\ngrep -vx "$new" live.txt > live.tmp || true\nmv live.tmp live.txt\ngrep -qx "$old" live.txt || echo "$old" >> live.txt',
);
const fail = script('fail.sh', 'cat >/dev/null\necho "something went wrong" >&2\nexit 7');

function setup(options: Record<string, unknown>) {
  const old = randomBytes(12).toString('hex');
  writeFileSync(join(dir, 'live.txt'), `${old}\n`);
  const io = testIo({ cwd: dir });
  const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old }], io.now);
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: commandProvider,
    options: commandProvider.options.parse(options) as Record<string, unknown>,
    graceMs: 0,
    store,
    io,
  });
  return { old, io, store, job };
}

describe('command provider', () => {
  it('runs create, test and revoke with values on stdin, and stores what create printed', async () => {
    const { old, store, job } = setup({ command: [create], test: [test], revoke: [revoke], rollback: [rollback] });
    const outcome = await rotateEntry(await job());
    const value = store.get('API_TOKEN')!.value;
    expect(value).toMatch(/^[0-9a-f]{36}$/);
    expect(live()).toEqual([value]);
    expect(live()).not.toContain(old);
    expect(outcome.notes).toEqual([]);
  });

  it('accepts a shell command line as a string', async () => {
    const { store, job } = setup({ command: `${create} --ignored-arg`, test: `${test}`, revoke: `${revoke}` });
    await rotateEntry(await job());
    expect(live()).toEqual([store.get('API_TOKEN')!.value]);
  });

  it('aborts on a non-zero exit without showing what the script printed', async () => {
    const { old, store, job } = setup({ command: [fail] });
    const error = (await rotateEntry(await job()).catch((e: unknown) => e)) as Error & { hint?: string };
    expect(error).toMatchObject({ step: 'create' });
    expect(error.message).toMatch(/exited with code 7/);
    expect(error.message).not.toMatch(/something went wrong/);
    expect(error.hint).toMatch(/showStderr/);
    expect(store.get('API_TOKEN')?.value).toBe(old);
  });

  it('passes stderr through when asked', async () => {
    const { io, job } = setup({ command: [fail], showStderr: true });
    await rotateEntry(await job()).catch(() => undefined);
    expect(io.lines.join('\n')).toMatch(/something went wrong/);
  });

  it('runs the rollback script when the test fails, and the old value works again', async () => {
    const { old, store, job } = setup({ command: [create], test: [fail], revoke: [revoke], rollback: [rollback] });
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'test' });
    expect(live()).toEqual([old]);
    expect(store.get('API_TOKEN')?.value).toBe(old);
  });

  it('keeps both values when there is no rollback script to undo a failed step', async () => {
    const { old, store, job } = setup({ command: [create], test: [fail] });
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(store.get('API_TOKEN')?.previous).toBe(old);
  });

  it('refuses an empty answer, or the current value printed back', async () => {
    const empty = setup({ command: 'cat >/dev/null' });
    await expect(rotateEntry(await empty.job())).rejects.toThrow(/printed nothing/);
    const echo = setup({ command: 'cat' });
    await expect(rotateEntry(await echo.job())).rejects.toThrow(/current value back/);
  });

  it('stops a script that runs past its timeout', async () => {
    const { job } = setup({ command: 'sleep 5', timeoutMs: 200 });
    await expect(rotateEntry(await job())).rejects.toThrow(/stopped after 200 ms/);
  });

  it('says what is missing when there is no test or revoke script', async () => {
    const { job } = setup({ command: [create] });
    const outcome = await rotateEntry(await job());
    expect(outcome.notes.join(' ')).toMatch(/no test script.*no revoke script/);
  });
});

describe('command provider: the scripts get only the environment they need', () => {
  const unleakSecrets = {
    SOPS_AGE_KEY: `AGE-SECRET-KEY-1${randomBytes(20).toString('hex').toUpperCase()}`,
    UNLEAK_AGE_KEY_FILE: '/somewhere/keys.txt',
    UNLEAK_POSTGRES_ADMIN_URL: `postgres://admin:${randomBytes(8).toString('hex')}@db/postgres`,
    UNLEAK_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
    SOPS_AGE_SSH_PRIVATE_KEY_FILE: '/somewhere/id_ed25519',
    AGE_IDENTITY: `AGE-SECRET-KEY-1${randomBytes(20).toString('hex').toUpperCase()}`,
    AGE_KEY_FILE: '/somewhere/age-keys.txt',
    UNLEAK_STRIPE_ADMIN_KEY: `rk_live_${randomBytes(12).toString('hex')}`,
  };

  it('passes the basics, passEnv and the UNLEAK_ step variables; never identities, admin URLs or the webhook key', async () => {
    const dump = script(
      'dump-env.sh',
      'read -r current\nenv > env.txt\nnew=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d \' \\n\')\necho "$new"',
    );
    const { job } = setup({ command: [dump], passEnv: ['DEPLOY_TARGET', 'MYAPP_', 'SOPS_', 'AGE_', 'UNLEAK_'] });
    const j = await job();
    j.io.env = { ...j.io.env, ...unleakSecrets, DEPLOY_TARGET: 'staging', MYAPP_REGION: 'eu', SOPS_CONFIG_DIR: 'kept', UNRELATED_VAR: 'x' };
    await rotateEntry(j);
    const env = Object.fromEntries(
      readFileSync(join(dir, 'env.txt'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({
      DEPLOY_TARGET: 'staging',
      MYAPP_REGION: 'eu',
      SOPS_CONFIG_DIR: 'kept',
      UNLEAK_SECRET_NAME: 'API_TOKEN',
      UNLEAK_ROTATION_STEP: 'create',
      PATH: process.env.PATH,
    });
    for (const name of [...Object.keys(unleakSecrets), 'UNRELATED_VAR']) expect(env, name).not.toHaveProperty(name);
    for (const value of Object.values(unleakSecrets)) expect(readFileSync(join(dir, 'env.txt'), 'utf8')).not.toContain(value);
  });

  it('refuses a passEnv that names an identity or an admin URL, before running anything', async () => {
    const { old, job } = setup({
      command: [create],
      passEnv: ['SOPS_AGE_KEY', 'UNLEAK_POSTGRES_ADMIN_URL', 'AGE_KEY_FILE', 'SOPS_AGE_SSH_PRIVATE_KEY_FILE'],
    });
    await expect(rotateEntry(await job())).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_CONFIG',
      message: expect.stringMatching(/SOPS_AGE_KEY, UNLEAK_POSTGRES_ADMIN_URL, AGE_KEY_FILE, SOPS_AGE_SSH_PRIVATE_KEY_FILE/),
    });
    expect(live()).toEqual([old]);
  });
});

describe('command provider with generate: true', () => {
  it('saves the generated value as pending before the script runs, and gives it on stdin line 2', async () => {
    const setNew = script('set-new.sh', 'read -r current\nread -r proposed\ngrep -qx "$current" live.txt\necho "$proposed" >> live.txt');
    const { old, io, store, job } = setup({ command: [setNew], test: [test], revoke: [revoke], generate: true });
    const order: string[] = [];
    const savePending = store.savePending.bind(store);
    store.savePending = async (changes, info) => {
      order.push('pending-saved');
      await savePending(changes, info);
    };
    const exec = io.exec;
    io.exec = async (file, args, options) => {
      order.push(`run ${options?.env?.UNLEAK_ROTATION_STEP}`);
      return exec(file, args, options);
    };
    await rotateEntry(await job());
    const value = store.get('API_TOKEN')!.value;
    expect(value).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(live()).toEqual([value]);
    expect(live()).not.toContain(old);
    expect(order.slice(0, 2)).toEqual(['pending-saved', 'run create']);
  });

  it('refuses a script that prints another value than the one it was given', async () => {
    const { old, store, job } = setup({ command: [create], generate: true });
    await expect(rotateEntry(await job())).rejects.toThrow(/must print nothing or the value it was given/);
    expect(store.get('API_TOKEN')?.value).toBe(old);
    expect(store.get('API_TOKEN')?.pending).toBeUndefined();
  });
});
