import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, parseIdentities, updateStore, type AgeIdentity } from '../../src/store/index.js';
import { UnleakError } from '../../src/errors.js';
import { tempDir, VECTORS_DIR } from './helpers.js';

/** unleak reads what the real sops wrote: YAML, dotenv; values, MACs, and the failures around them. */

async function identitiesFrom(keyFile: string): Promise<AgeIdentity[]> {
  return parseIdentities(readFileSync(join(VECTORS_DIR, keyFile), 'utf8'), keyFile);
}

async function errorOf(promise: Promise<unknown>): Promise<UnleakError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnleakError);
  return error as UnleakError;
}

const vectors = [
  { file: 'k8s-secret.sops.yaml', key: 'age.key', name: 'stringData.key', plain: 'value' },
  { file: 'k8s-secret.global.sops.yaml', key: 'age-global.key', name: 'stringData.key', plain: 'global-value' },
  { file: 'component.sops.env', key: 'age.key', name: 'key', plain: 'value' },
  { file: 'envs.sops.env', key: 'age.key', name: 'key', plain: 'value' },
];

describe('sops-written vectors', () => {
  for (const vector of vectors) {
    it(`decrypts ${vector.file} and verifies its MAC`, async () => {
      const store = await openStore({ root: VECTORS_DIR, file: vector.file, identities: await identitiesFrom(vector.key) });
      expect(store.get(vector.name)).toBe(vector.plain);
      expect(store.list().map((entry) => entry.name)).toEqual([vector.name]);
      expect(store.readOnlyReason).toMatch(/JSON flavour/);
    });
  }

  it('reports a MAC mismatch when a clear value of the YAML file is edited', async () => {
    const dir = tempDir();
    const text = readFileSync(join(VECTORS_DIR, 'k8s-secret.sops.yaml'), 'utf8').replace('name: age', 'name: agf');
    writeFileSync(join(dir, 'edited.sops.yaml'), text);
    const error = await errorOf(openStore({ root: dir, file: 'edited.sops.yaml', identities: await identitiesFrom('age.key') }));
    expect(error.code).toBe('UNLEAK_STORE_MAC_MISMATCH');
    expect(error.exitCode).toBe(2);
  });

  it('reports a corrupt store when an encrypted value is swapped for another', async () => {
    const dir = tempDir();
    const lines = readFileSync(join(VECTORS_DIR, 'component.sops.env'), 'utf8').split('\n');
    const mac = lines.find((line) => line.startsWith('sops_mac='))?.slice('sops_mac='.length);
    const edited = lines.map((line) => (line.startsWith('key=') ? `key=${mac}` : line)).join('\n');
    writeFileSync(join(dir, 'swapped.sops.env'), edited);
    const error = await errorOf(openStore({ root: dir, file: 'swapped.sops.env', identities: await identitiesFrom('age.key') }));
    expect(error.code).toBe('UNLEAK_STORE_CORRUPT');
    expect(error.message).toContain('key');
  });

  it('names the recipients when the identity does not match', async () => {
    const error = await errorOf(
      openStore({ root: VECTORS_DIR, file: 'component.sops.env', identities: await identitiesFrom('age-global.key') }),
    );
    expect(error.code).toBe('UNLEAK_IDENTITY_MISMATCH');
    expect(error.hint).toContain('age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29');
    expect(`${error.message} ${error.hint}`).not.toContain('AGE-SECRET-KEY');
  });

  it('fails with UNLEAK_IDENTITY_MISSING when there is no identity', async () => {
    const error = await errorOf(openStore({ root: VECTORS_DIR, file: 'envs.sops.env', identities: [], searched: ['nowhere'] }));
    expect(error.code).toBe('UNLEAK_IDENTITY_MISSING');
  });

  it('refuses to write a file it can only read, and leaves it untouched', async () => {
    const dir = tempDir();
    copyFileSync(join(VECTORS_DIR, 'envs.sops.env'), join(dir, 'envs.sops.env'));
    const before = readFileSync(join(dir, 'envs.sops.env'), 'utf8');
    const error = await errorOf(
      updateStore({ root: dir, file: 'envs.sops.env', identities: await identitiesFrom('age.key'), actor: 'x' }, (store) =>
        store.set('OTHER', 'x'),
      ),
    );
    expect(error.code).toBe('UNLEAK_STORE_READ_ONLY');
    expect(readFileSync(join(dir, 'envs.sops.env'), 'utf8')).toBe(before);
  });
});
