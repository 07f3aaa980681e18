import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageKeygen, randomValue, tempDir } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/** unleak store init / secrets set|get|list|rm|export / store recipients, through run() with a fake io. */

describe('store and secrets commands', () => {
  let repo: CliRepo;
  const token = randomValue();
  const password = randomValue();
  const storeFile = (): string => join(repo.root, '.unleak', 'secrets.dev.sops.json');

  beforeAll(async () => {
    repo = cliRepo();
    expect((await repo.cli(['store', 'init', '--env', 'dev'])).code).toBe(0);
  });

  it('init encrypts to your own identity when no recipient is given, and refuses to run twice', async () => {
    expect(JSON.parse(readFileSync(storeFile(), 'utf8')).sops.age[0].recipient).toBe(repo.key.recipient);
    const again = await repo.cli(['store', 'init', '--env', 'dev']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('UNLEAK_STORE_EXISTS');
  });

  it('sets from stdin, warns about --value, gets the exact value back', async () => {
    expect(
      (await repo.cli(['secrets', 'set', 'API_TOKEN', '--env', 'dev', '--provider', 'github', '--leaked'], { stdin: `${token}\n` })).code,
    ).toBe(0);
    const withValue = await repo.cli(['secrets', 'set', 'DB_PASSWORD', '--env', 'dev', '--value', password]);
    expect(withValue.code).toBe(0);
    expect(withValue.err).toMatch(/warning: --value/);
    const got = await repo.cli(['secrets', 'get', 'API_TOKEN', '--env', 'dev']);
    expect(got).toMatchObject({ code: 0, out: token });
    expect(readFileSync(storeFile(), 'utf8')).not.toContain(token);
  });

  it('keeps multi-line stdin exactly (a PEM key keeps its final newline)', async () => {
    const pem = `-----BEGIN TEST KEY-----\n${randomValue(48)}\n-----END TEST KEY-----\n`;
    expect((await repo.cli(['secrets', 'set', 'PEM_KEY', '--env', 'dev'], { stdin: pem })).code).toBe(0);
    expect((await repo.cli(['secrets', 'get', 'PEM_KEY', '--env', 'dev'])).out).toBe(pem);
    expect((await repo.cli(['secrets', 'rm', 'PEM_KEY', '--env', 'dev'])).code).toBe(0);
  });

  it('lists names and metadata without values', async () => {
    const text = await repo.cli(['secrets', 'list', '--env', 'dev']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^API_TOKEN .*provider github.*LEAKED/m);
    expect(text.out).toMatch(/^DB_PASSWORD /m);
    const json = await repo.cli(['secrets', 'list', '--env', 'dev', '--json']);
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({ name: 'API_TOKEN', leaked: true }),
      expect.objectContaining({ name: 'DB_PASSWORD' }),
    ]);
    for (const output of [text.out, text.err, json.out]) {
      expect(output).not.toContain(token);
      expect(output).not.toContain(password);
    }
  });

  it('exports as dotenv and JSON on request only', async () => {
    expect((await repo.cli(['secrets', 'export', '--env', 'dev'])).code).toBe(2);
    const dotenv = await repo.cli(['secrets', 'export', '--env', 'dev', '--format', 'dotenv']);
    expect(dotenv.out).toBe(`API_TOKEN=${token}\nDB_PASSWORD=${password}\n`);
    const json = await repo.cli(['secrets', 'export', '--env', 'dev', '--format', 'json']);
    expect(JSON.parse(json.out)).toEqual({ API_TOKEN: token, DB_PASSWORD: password });
    expect((await repo.cli(['secrets', 'export', '--env', 'dev', '--format', 'xml'])).code).toBe(2);
  });

  it('rejects names sops would leave unencrypted', async () => {
    const result = await repo.cli(['secrets', 'set', 'TOKEN_unencrypted', '--env', 'dev'], { stdin: 'x' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('UNLEAK_SECRET_NAME_INVALID');
  });

  it('removes a secret; getting it then fails with exit 2', async () => {
    await repo.cli(['secrets', 'set', 'TEMP_VALUE', '--env', 'dev'], { stdin: randomValue() });
    expect((await repo.cli(['secrets', 'rm', 'TEMP_VALUE', '--env', 'dev'])).code).toBe(0);
    const missing = await repo.cli(['secrets', 'get', 'TEMP_VALUE', '--env', 'dev']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('UNLEAK_SECRET_NOT_FOUND');
  });

  it('adds and removes recipients; removal re-encrypts and tells you to rotate', async () => {
    const other = ageKeygen(tempDir('unleak-other-'), 'other.txt');
    expect((await repo.cli(['store', 'recipients', 'add', other.recipient, '--env', 'dev'])).code).toBe(0);
    expect((await repo.cli(['store', 'recipients', 'list', '--env', 'dev'])).out).toBe(`${repo.key.recipient}\n${other.recipient}\n`);
    const asOther = await repo.cli(['secrets', 'get', 'DB_PASSWORD', '--env', 'dev'], { env: { UNLEAK_AGE_KEY_FILE: other.path } });
    expect(asOther.out).toBe(password);
    const before = JSON.parse(readFileSync(storeFile(), 'utf8'));
    const removed = await repo.cli(['store', 'recipients', 'remove', other.recipient, '--env', 'dev']);
    expect(removed.code).toBe(0);
    expect(removed.err).toMatch(/may have kept copies/);
    expect(removed.err).toMatch(/rotate/);
    const after = JSON.parse(readFileSync(storeFile(), 'utf8'));
    expect(after.DB_PASSWORD).not.toBe(before.DB_PASSWORD);
    const denied = await repo.cli(['secrets', 'get', 'DB_PASSWORD', '--env', 'dev'], { env: { UNLEAK_AGE_KEY_FILE: other.path } });
    expect(denied.code).toBe(2);
    expect(denied.err).toContain('UNLEAK_IDENTITY_MISMATCH');
    expect((await repo.cli(['store', 'recipients', 'add', 'age1notarecipient', '--env', 'dev'])).err).toContain('UNLEAK_RECIPIENT_INVALID');
  });

  it('refuses a tampered store with exit 2 and writes nothing', async () => {
    const original = readFileSync(storeFile(), 'utf8');
    const cases: Array<[string, (json: Record<string, unknown> & { sops: Record<string, unknown> }) => void, string]> = [
      [
        'edited metadata',
        (json) => void (json['API_TOKEN.meta_unencrypted'] = '{"createdAt":"2000-01-01T00:00:00Z"}'),
        'UNLEAK_STORE_MAC_MISMATCH',
      ],
      [
        'edited MAC',
        (json) => void (json.sops.mac = String(json.sops.mac).replace(/data:(.)/, (_, c: string) => `data:${c === 'A' ? 'B' : 'A'}`)),
        'UNLEAK_STORE_MAC_MISMATCH',
      ],
      ['swapped values', (json) => void ([json.API_TOKEN, json.DB_PASSWORD] = [json.DB_PASSWORD, json.API_TOKEN]), 'UNLEAK_STORE_CORRUPT'],
      ['removed value', (json) => void delete json.DB_PASSWORD, 'UNLEAK_STORE_MAC_MISMATCH'],
    ];
    for (const [label, edit, code] of cases) {
      const json = JSON.parse(original);
      edit(json);
      const tampered = JSON.stringify(json, null, '\t');
      writeFileSync(storeFile(), tampered);
      for (const argv of [
        ['secrets', 'get', 'API_TOKEN'],
        ['secrets', 'set', 'NEW_ONE', '--value', 'x'],
        ['store', 'recipients', 'remove', repo.key.recipient],
      ]) {
        const result = await repo.cli([...argv, '--env', 'dev']);
        expect(result.code, label).toBe(2);
        expect(result.err, label).toContain(code);
        expect(result.err).not.toContain(token);
        expect(readFileSync(storeFile(), 'utf8'), label).toBe(tampered);
      }
    }
    writeFileSync(storeFile(), '{ not json');
    expect((await repo.cli(['secrets', 'list', '--env', 'dev'])).err).toContain('UNLEAK_STORE_CORRUPT');
    writeFileSync(storeFile(), original);
  });

  it('fails clearly without an identity, or with a store that does not exist', async () => {
    const noKey = await repo.cli(['secrets', 'get', 'API_TOKEN', '--env', 'dev'], { env: { UNLEAK_AGE_KEY_FILE: undefined } });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('UNLEAK_IDENTITY_MISSING');
    const badPath = await repo.cli(['secrets', 'get', 'API_TOKEN', '--env', 'dev'], {
      env: { UNLEAK_AGE_KEY_FILE: join(repo.root, 'nope.txt') },
    });
    expect(badPath.err).toContain('UNLEAK_IDENTITY_MISSING');
    const noStore = await repo.cli(['secrets', 'list', '--env', 'prod']);
    expect(noStore.code).toBe(2);
    expect(noStore.err).toContain('UNLEAK_STORE_NOT_FOUND');
    expect(noStore.err).toContain('unleak store init --env prod');
  });
});
