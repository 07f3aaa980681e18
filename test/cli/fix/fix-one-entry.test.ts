import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepo } from '../../helpers/cli.js';
import { randomBase62 } from '../../helpers/tokens.js';
import { cli, isolatedEnv, sha256 } from './fix-helpers.js';

/**
 * `unleak fix` on a repository holding a postgres URL and its password under two names: the store
 * holds the password once (with what rotation needs), DATABASE_URL is a template of it, and
 * `unleak run` / `unleak render` give the application both, composed from the one entry.
 */

type StoreFile = Record<string, unknown>;

const metaOf = (store: StoreFile, name: string): Record<string, unknown> =>
  JSON.parse(store[`${name}.meta_unencrypted`] as string) as Record<string, unknown>;

describe('unleak fix: one credential, one store entry', () => {
  it('DATABASE_URL and DB_PASSWORD in .env and the URL in code: one secret entry with provider and account; run and render compose the URL, also after the entry changes', async () => {
    const password = randomBase62(24);
    const url = `postgres://app:${password}@127.0.0.1:5432/test`;
    const repo = tempRepo({
      '.env': `DATABASE_URL=${url}\nDB_PASSWORD=${password}\n`,
      'src/db.js': `module.exports = { url: "${url}" };\n`,
    });
    const env = isolatedEnv();

    const fix = await cli(['fix', '--yes'], repo, env);
    expect(fix.code, fix.out + fix.err).toBe(0);
    expect(`${fix.out}${fix.err}`.includes(password)).toBe(false);
    expect(fix.out).toContain(
      'Applied: 1 value (and 1 template composed from them) stored in .unleak/secrets.default.sops.json (new store)',
    );
    expect(readFileSync(join(repo, '.env'), 'utf8')).toBe('');
    expect(readFileSync(join(repo, 'src/db.js'), 'utf8')).toBe(
      'module.exports = { url: ("postgres://app:" + process.env.DB_PASSWORD + "@127.0.0.1:5432/test") };\n',
    );

    const storeText = readFileSync(join(repo, '.unleak/secrets.default.sops.json'), 'utf8');
    expect(storeText.includes(password)).toBe(false);
    const store = JSON.parse(storeText) as StoreFile;
    const names = Object.keys(store).filter((key) => !key.includes('.') && key !== 'sops');
    expect(names.sort()).toEqual(['DATABASE_URL', 'DB_PASSWORD']);
    expect(metaOf(store, 'DB_PASSWORD')).toMatchObject({
      provider: 'postgres',
      leaked: true,
      target: { scheme: 'postgres', host: '127.0.0.1', port: 5432, user: 'app', database: 'test' },
    });
    const composed = metaOf(store, 'DATABASE_URL');
    expect(composed).toMatchObject({ composed: true });
    expect(composed.leaked, 'the template holds no secret: nothing to rotate or purge').toBeUndefined();

    const raw = await cli(['secrets', 'get', 'DATABASE_URL'], repo, env);
    expect(raw.out.trim(), 'the only copy of the password is DB_PASSWORD').toBe('postgres://app:${DB_PASSWORD}@127.0.0.1:5432/test');

    const report = join(repo, 'seen.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify([process.env.DATABASE_URL, process.env.DB_PASSWORD].map((v) => require('crypto').createHash('sha256').update(v || '').digest('hex'))))`;
    const run = await cli(['run', '--', process.execPath, '-e', script], repo, env);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual([sha256(url), sha256(password)]);

    const rotated = randomBase62(24);
    const set = await cli(['secrets', 'set', 'DB_PASSWORD'], repo, env, { stdin: rotated });
    expect(set.code, set.err).toBe(0);
    const after = await cli(['run', '--', process.execPath, '-e', script], repo, env);
    expect(after.code, after.err).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')), 'changing the one entry changes the URL too').toEqual([
      sha256(url.replace(password, rotated)),
      sha256(rotated),
    ]);

    writeFileSync(join(repo, 'app.conf.template'), 'url = ${DATABASE_URL}\n');
    const render = await cli(['render', 'app.conf.template'], repo, env);
    expect(render.code, render.err).toBe(0);
    expect(render.out === `url = ${url.replace(password, rotated)}\n`).toBe(true);
  });
});
