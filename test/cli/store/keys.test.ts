import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { findIdentities } from '../../../src/store/index.js';
import { ageKeygen, identityOf, requireAgeTools, tempDir } from '../../store/helpers.js';
import { cliRepo } from './cli-helpers.js';

/** unleak keys generate / show, and the identity lookup order. */

const ageCli = requireAgeTools('test/cli/store/keys.test.ts');

describe('keys', () => {
  it('generate writes a 0600 identity in the config dir that the age library agrees with, and never overwrites it', async () => {
    const repo = cliRepo();
    const env = { UNLEAK_AGE_KEY_FILE: undefined };
    const first = await repo.cli(['keys', 'generate'], { env });
    expect(first.code).toBe(0);
    const path = join(repo.env.XDG_CONFIG_HOME ?? '', 'unleak', 'age', 'keys.txt');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const recipient = first.out.trim();
    expect(await identityToRecipient(identityOf(path))).toBe(recipient);
    expect(first.out + first.err).not.toContain('AGE-SECRET-KEY');
    const content = readFileSync(path, 'utf8');
    const second = await repo.cli(['keys', 'generate'], { env });
    expect(second.code).toBe(2);
    expect(second.err).toContain('UNLEAK_IDENTITY_EXISTS');
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect((await repo.cli(['keys', 'show'], { env })).out).toBe(`${recipient}\n`);
  });

  it('show warns when the key file is readable by others', async () => {
    const repo = cliRepo();
    chmodSync(repo.key.path, 0o644);
    const shown = await repo.cli(['keys', 'show']);
    expect(shown.out).toBe(`${repo.key.recipient}\n`);
    expect(shown.err).toMatch(/warning: identity file .* mode 0644/);
  });

  it('looks in UNLEAK_AGE_KEY_FILE, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, then the default paths', async () => {
    const dir = tempDir();
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((name) => ageKeygen(dir, `${name}.txt`));
    const config = tempDir();
    for (const [sub, key] of [
      ['unleak', d],
      ['sops', e],
    ] as const) {
      mkdirSync(join(config, sub, 'age'), { recursive: true });
      writeFileSync(join(config, sub, 'age', 'keys.txt'), readFileSync(key?.path ?? '', 'utf8'), { mode: 0o600 });
    }
    const lookup = await findIdentities({
      UNLEAK_AGE_KEY_FILE: a?.path,
      SOPS_AGE_KEY_FILE: b?.path,
      SOPS_AGE_KEY: identityOf(c?.path ?? ''),
      XDG_CONFIG_HOME: config,
    });
    expect(lookup.identities.map((found) => found.recipient)).toEqual([a, b, c, d, e].map((key) => key?.recipient));
    expect(lookup.identities.map((found) => found.source)).toEqual([
      a?.path,
      b?.path,
      'SOPS_AGE_KEY',
      join(config, 'unleak', 'age', 'keys.txt'),
      join(config, 'sops', 'age', 'keys.txt'),
    ]);
    await expect(findIdentities({ SOPS_AGE_KEY_FILE: join(dir, 'missing.txt') })).rejects.toMatchObject({
      code: 'UNLEAK_IDENTITY_MISSING',
    });
    writeFileSync(join(dir, 'bad.txt'), 'not a key\n');
    await expect(findIdentities({ UNLEAK_AGE_KEY_FILE: join(dir, 'bad.txt') })).rejects.toMatchObject({ code: 'UNLEAK_IDENTITY_INVALID' });
  });

  it.runIf(ageCli)('an identity from keys generate decrypts with the age CLI, and age-keygen derives its recipient', async () => {
    const repo = cliRepo();
    const out = join(tempDir(), 'id.txt');
    const recipient = (await repo.cli(['keys', 'generate', '--out', out])).out.trim();
    const message = join(tempDir(), 'm.age');
    execFileSync('age', ['-r', recipient, '-o', message], { input: 'hello' });
    expect(execFileSync('age', ['-d', '-i', out, message], { encoding: 'utf8' })).toBe('hello');
    expect(execFileSync('age-keygen', ['-y', out], { encoding: 'utf8' }).trim()).toBe(recipient);
  });
});
