import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForTest } from '../helpers/bundle.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, openStore, parseIdentities, updateStore, verifyAuditTrail, type AgeIdentity } from '../../src/store/index.js';
import { ageKeygen, randomValue, tempDir, type KeyFile } from './helpers.js';

/**
 * A writer process killed (SIGKILL) at random moments leaves the old or the new store, never a
 * broken one: the file always decrypts and its MAC verifies, the next writer takes over the dead
 * lock, and the audit trail stays intact.
 */

const STORE_INDEX = fileURLToPath(new URL('../../src/store/index.ts', import.meta.url));

const WRITER = `
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseIdentities, updateStore } from ${JSON.stringify(STORE_INDEX)};
const [root, keyFile] = process.argv.slice(2);
const identities = await parseIdentities(readFileSync(keyFile, 'utf8'), keyFile);
let round = 0;
for (;;) {
  await updateStore({ root, identities, actor: 'writer@example.com' }, (store) => {
    store.set('S' + (round % 60), randomBytes(512).toString('hex'));
  });
  round += 1;
  if (round === 1) process.stdout.write('ready\\n');
}
`;

describe('crash safety', () => {
  let root: string;
  let key: KeyFile;
  let identities: AgeIdentity[];
  let writer: string;

  beforeAll(async () => {
    root = tempDir();
    key = ageKeygen(tempDir(), 'keys.txt');
    identities = await parseIdentities(readFileSync(key.path, 'utf8'), key.path);
    await createStore({ root, recipients: [key.recipient], actor: 'test@example.com' });
    await updateStore({ root, identities, actor: 'test@example.com' }, (store) => {
      for (let i = 0; i < 60; i += 1) store.set(`S${i}`, randomValue(256));
    });
    const dir = tempDir();
    writeFileSync(join(dir, 'writer.ts'), WRITER);
    writer = join(dir, 'writer.mjs');
    await bundleForTest({ entryPoints: [join(dir, 'writer.ts')], outfile: writer });
  }, 60_000);

  async function killMidWrite(delayMs: number): Promise<void> {
    const child = spawn(process.execPath, [writer, root, key.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  it('always leaves a store that decrypts and verifies, however often the writer is killed', async () => {
    const seen = new Set<string>();
    let killedHoldingLock = 0;
    for (let round = 0; round < 10; round += 1) {
      await killMidWrite(5 + Math.floor(Math.random() * 120));
      if (readdirSync(join(root, '.unleak')).some((name) => name.endsWith('.lock'))) killedHoldingLock += 1;
      const store = await openStore({ root, identities });
      expect(store.list()).toHaveLength(60);
      seen.add(readFileSync(join(root, '.unleak', 'secrets.default.sops.json'), 'utf8'));
      expect((await verifyAuditTrail(root)).problems).toEqual([]);
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(killedHoldingLock).toBeGreaterThan(0);
    await updateStore({ root, identities, actor: 'test@example.com' }, (store) => store.set('AFTER', randomValue()));
    expect((await openStore({ root, identities })).has('AFTER')).toBe(true);
    expect(readdirSync(join(root, '.unleak')).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
  }, 120_000);

  it('serialises concurrent writers and times out on a lock held by a live process', async () => {
    const values = Array.from({ length: 5 }, () => randomValue());
    await Promise.all(values.map((value, i) => updateStore({ root, identities, actor: 't' }, (store) => store.set(`PAR_${i}`, value))));
    const store = await openStore({ root, identities });
    values.forEach((value, i) => expect(store.get(`PAR_${i}`)).toBe(value));

    const lock = join(root, '.unleak', 'secrets.default.sops.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString() }));
    const before = readFileSync(join(root, '.unleak', 'secrets.default.sops.json'), 'utf8');
    await expect(updateStore({ root, identities, actor: 't', lockTimeoutMs: 300 }, (s) => s.set('LOCKED', 'x'))).rejects.toMatchObject({
      code: 'UNLEAK_STORE_LOCKED',
      exitCode: 2,
    });
    expect(readFileSync(join(root, '.unleak', 'secrets.default.sops.json'), 'utf8')).toBe(before);
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), time: new Date().toISOString() }));
    await updateStore({ root, identities, actor: 't', lockTimeoutMs: 300 }, (s) => s.set('STALE_LOCK_TAKEN_OVER', 'x'));
  });
});
