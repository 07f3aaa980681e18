import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptSops } from 'sops-age';
import { beforeAll, describe, expect, it } from 'vitest';
import { newDataKey, wrapDataKey } from '../../src/store/age-data-key.js';
import { encryptTree } from '../../src/store/sops-codec.js';
import { emitSopsJson } from '../../src/store/sops-formats.js';
import type { SopsMetadata } from '../../src/store/sops-metadata.js';
import type { SopsBranch, SopsNode } from '../../src/store/sops-tree.js';
import { openStore, parseIdentities, updateStore, type AgeIdentity } from '../../src/store/index.js';
import { ageKeygen, identityOf, randomValue, tempDir, type KeyFile } from './helpers.js';

/** A JSON SOPS file unleak did not write: nested data survives an unleak rewrite; odd files stay read-only. */

async function writeForeign(path: string, plain: SopsBranch, recipient: string, extra: Partial<SopsMetadata> = {}): Promise<void> {
  const dataKey = newDataKey();
  const lastModified = '2025-01-02T03:04:05Z';
  const rules = extra.rules ?? {};
  const { data, mac } = encryptTree(plain, rules, dataKey, lastModified);
  const metadata: SopsMetadata = {
    age: [await wrapDataKey(dataKey, recipient)],
    lastModified,
    mac,
    rules,
    version: '3.10.2',
    otherKeyKinds: [],
    ...extra,
  };
  let text = emitSopsJson(data, metadata);
  if (extra.otherKeyKinds?.includes('pgp'))
    text = text.replace('"version"', '"pgp": [{"fp": "ABC", "enc": "x", "created_at": "2025-01-01T00:00:00Z"}],\n\t\t"version"');
  writeFileSync(path, text);
}

describe('foreign JSON SOPS files', () => {
  let key: KeyFile;
  let identities: AgeIdentity[];
  beforeAll(async () => {
    key = ageKeygen(tempDir());
    identities = await parseIdentities(readFileSync(key.path, 'utf8'), key.path);
  });

  it('keeps nested data, numbers and their order when unleak adds a secret', async () => {
    const root = tempDir();
    const nested = randomValue();
    const plain = new Map<string, SopsNode>([
      [
        'zeta',
        new Map<string, SopsNode>([
          ['inner', nested],
          ['port', 5432],
          ['tags', ['a', 'b']],
        ]),
      ],
      ['ALPHA', randomValue()],
    ]);
    await writeForeign(join(root, 'app.sops.json'), plain, key.recipient);
    const before = await openStore({ root, file: 'app.sops.json', identities });
    expect(before.get('zeta.inner')).toBe(nested);
    expect(before.readOnlyReason).toBeUndefined();
    await updateStore({ root, file: 'app.sops.json', identities, actor: 't' }, (store) => store.set('BETA', randomValue()));
    const text = readFileSync(join(root, 'app.sops.json'), 'utf8');
    const decrypted = (await decryptSops(text, { secretKey: identityOf(key.path), fileType: 'json' })) as Record<string, unknown>;
    expect(decrypted.zeta).toEqual({ inner: nested, port: 5432, tags: ['a', 'b'] });
    expect((await openStore({ root, file: 'app.sops.json', identities })).list().map((entry) => entry.name)).toEqual([
      'ALPHA',
      'BETA',
      'zeta.inner',
      'zeta.port',
      'zeta.tags[0]',
      'zeta.tags[1]',
    ]);
  });

  it('reads but will not rewrite files with other key types or custom encryption rules', async () => {
    const root = tempDir();
    const plain = new Map<string, SopsNode>([
      ['data', new Map<string, SopsNode>([['password', randomValue()]])],
      ['name', 'app'],
    ]);
    await writeForeign(join(root, 'regex.sops.json'), plain, key.recipient, { rules: { encryptedRegex: '^data$' } });
    await writeForeign(join(root, 'pgp.sops.json'), plain, key.recipient, { otherKeyKinds: ['pgp'] });
    for (const [file, reason] of [
      ['regex.sops.json', /custom encryption rule/],
      ['pgp.sops.json', /pgp keys/],
    ] as const) {
      const store = await openStore({ root, file, identities });
      expect(store.readOnlyReason).toMatch(reason);
      await expect(updateStore({ root, file, identities, actor: 't' }, (s) => s.set('X', 'y'))).rejects.toMatchObject({
        code: 'UNLEAK_STORE_READ_ONLY',
      });
    }
    expect((await openStore({ root, file: 'regex.sops.json', identities })).list().map((entry) => entry.name)).toEqual(['data.password']);
  });
});
