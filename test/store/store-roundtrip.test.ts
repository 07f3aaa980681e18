import { execFileSync } from 'node:child_process';
import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptSops } from 'sops-age';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, openStore, parseIdentities, updateStore, type AgeIdentity, type StoreAccess } from '../../src/store/index.js';
import { ageKeygen, gitInit, identityOf, randomValue, requireAgeTools, tempDir, type KeyFile } from './helpers.js';

/** Files unleak writes are read by sops-age and the age CLI; unchanged values keep their ciphertext. */

const ageCli = requireAgeTools('test/store/store-roundtrip.test.ts');

type Json = Record<string, unknown> & { sops: { age: Array<{ recipient: string; enc: string }>; lastmodified: string; mac: string } };

function decryptWithKey(enc: string, key: Buffer, aad: string): string {
  const match = /^ENC\[AES256_GCM,data:(.*),iv:(.*),tag:(.*),type:str\]$/.exec(enc);
  if (!match) throw new Error('not an ENC value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(match[2] ?? '', 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(match[3] ?? '', 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(match[1] ?? '', 'base64')), decipher.final()]).toString('utf8');
}

describe('a store written by unleak', () => {
  let root: string;
  let alice: KeyFile;
  let bob: KeyFile;
  let aliceIds: AgeIdentity[];
  let bobIds: AgeIdentity[];
  let file: string;
  const values = { API_TOKEN: randomValue(), DB_PASSWORD: randomValue() };
  const access = (identities: AgeIdentity[]): StoreAccess => ({ root, env: 'dev', identities });
  const readJson = (): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

  beforeAll(async () => {
    root = tempDir();
    gitInit(root);
    const keys = tempDir('unleak-keys-');
    alice = ageKeygen(keys, 'alice.txt');
    bob = ageKeygen(keys, 'bob.txt');
    aliceIds = await parseIdentities(readFileSync(alice.path, 'utf8'), alice.path);
    bobIds = await parseIdentities(readFileSync(bob.path, 'utf8'), bob.path);
    file = await createStore({ root, env: 'dev', recipients: [alice.recipient] });
    await updateStore(access(aliceIds), (store) => {
      store.set('API_TOKEN', values.API_TOKEN, { provider: 'github', fingerprint: 'fp-1', leaked: true });
      store.set('DB_PASSWORD', values.DB_PASSWORD);
    });
  });

  it('is at .unleak/secrets.<env>.sops.json with encrypted values and clear metadata', () => {
    expect(file).toBe(join(root, '.unleak', 'secrets.dev.sops.json'));
    const json = readJson();
    expect(json.API_TOKEN).toMatch(/^ENC\[AES256_GCM,data:.+,iv:.+,tag:.+,type:str\]$/);
    expect(JSON.parse(json['API_TOKEN.meta_unencrypted'] as string)).toMatchObject({
      provider: 'github',
      fingerprint: 'fp-1',
      leaked: true,
    });
    expect(readFileSync(file, 'utf8')).not.toContain(values.API_TOKEN);
    expect(json.sops.age.map((stanza) => stanza.recipient)).toEqual([alice.recipient]);
  });

  it('is decrypted by the independent sops-age package', async () => {
    const plain = (await decryptSops(readFileSync(file, 'utf8'), { secretKey: identityOf(alice.path), fileType: 'json' })) as Record<
      string,
      string
    >;
    expect(plain.API_TOKEN).toBe(values.API_TOKEN);
    expect(plain.DB_PASSWORD).toBe(values.DB_PASSWORD);
  });

  it.runIf(ageCli)('has a data-key stanza the age CLI decrypts, and a MAC that checks out with that key', () => {
    const json = readJson();
    const encFile = join(tempDir(), 'data-key.age');
    writeFileSync(encFile, json.sops.age[0]?.enc ?? '');
    const key = execFileSync('age', ['-d', '-i', alice.path, encFile]);
    expect(key.length).toBe(32);
    expect(decryptWithKey(json.DB_PASSWORD as string, key, 'DB_PASSWORD:')).toBe(values.DB_PASSWORD);
    const hash = createHash('sha512');
    for (const [name, value] of Object.entries(json)) {
      if (name === 'sops') continue;
      hash.update(typeof value === 'string' && value.startsWith('ENC[') ? decryptWithKey(value, key, `${name}:`) : String(value));
    }
    expect(decryptWithKey(json.sops.mac, key, json.sops.lastmodified)).toBe(hash.digest('hex').toUpperCase());
  });

  it('keeps the ciphertext of unchanged values when the file is rewritten', async () => {
    const before = readJson();
    await updateStore(access(aliceIds), (store) => store.set('DB_PASSWORD', randomValue()));
    const after = readJson();
    expect(after.API_TOKEN).toBe(before.API_TOKEN);
    expect(after.DB_PASSWORD).not.toBe(before.DB_PASSWORD);
    expect(after.sops.age).toEqual(before.sops.age);
  });

  it('lists names and metadata, never values', async () => {
    const store = await openStore(access(aliceIds));
    const listed = store.list();
    expect(listed.map((entry) => entry.name)).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect(JSON.stringify(listed)).not.toContain(values.API_TOKEN);
    expect(listed[0]?.meta).toMatchObject({ provider: 'github', leaked: true });
  });

  it('keeps, restores and commits a previous value during a rotation', async () => {
    const next = randomValue();
    await updateStore(access(aliceIds), (store) => store.set('API_TOKEN', next, { keepPrevious: true }));
    let store = await openStore(access(aliceIds));
    expect(store.get('API_TOKEN')).toBe(next);
    expect(store.getPrevious('API_TOKEN')).toBe(values.API_TOKEN);
    expect(store.list()[0]?.hasPrevious).toBe(true);
    await updateStore(access(aliceIds), (s) => s.restorePrevious('API_TOKEN'));
    store = await openStore(access(aliceIds));
    expect(store.get('API_TOKEN')).toBe(values.API_TOKEN);
    expect(store.getPrevious('API_TOKEN')).toBeUndefined();
    await updateStore(access(aliceIds), (s) => {
      s.set('API_TOKEN', next, { keepPrevious: true });
      s.commitRotation('API_TOKEN');
    });
    store = await openStore(access(aliceIds));
    expect(store.get('API_TOKEN')).toBe(next);
    expect(store.list()[0]?.meta).toMatchObject({ leaked: false, rotatedAt: expect.any(String) });
    values.API_TOKEN = next;
  });

  it('adds a recipient without touching the values, removes one with a new data key', async () => {
    const before = readJson();
    await updateStore(access(aliceIds), (store) => store.addRecipient(bob.recipient));
    const added = readJson();
    expect(added.API_TOKEN).toBe(before.API_TOKEN);
    expect(added.sops.age[0]).toEqual(before.sops.age[0]);
    expect((await openStore(access(bobIds))).get('API_TOKEN')).toBe(values.API_TOKEN);

    await updateStore(access(bobIds), (store) => store.removeRecipient(alice.recipient));
    const removed = readJson();
    expect(removed.API_TOKEN).not.toBe(added.API_TOKEN);
    expect(removed.DB_PASSWORD).not.toBe(added.DB_PASSWORD);
    expect(removed.sops.age.map((stanza) => stanza.recipient)).toEqual([bob.recipient]);
    await expect(openStore(access(aliceIds))).rejects.toMatchObject({ code: 'UNLEAK_IDENTITY_MISMATCH' });
    expect((await openStore(access(bobIds))).get('API_TOKEN')).toBe(values.API_TOKEN);
  });

  it('records every change in the audit trail with the git actor, without values', () => {
    const log = readFileSync(join(root, '.unleak', 'audit.jsonl'), 'utf8');
    const entries = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; actor: string; secret?: string; store: string });
    expect(entries.map((entry) => entry.action)).toEqual([
      'init',
      'set',
      'set',
      'set',
      'rotate',
      'restore',
      'rotate',
      'commit-rotation',
      'recipient-add',
      'recipient-remove',
    ]);
    expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set(['tester@example.com']));
    expect(entries[1]).toMatchObject({ secret: 'API_TOKEN', store: '.unleak/secrets.dev.sops.json' });
    for (const value of Object.values(values)) expect(log).not.toContain(value);
  });
});
