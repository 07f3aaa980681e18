import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomValue } from '../../store/helpers.js';
import { cliRepo } from './cli-helpers.js';

/** unleak secrets import FILE.env */

describe('secrets import', () => {
  it('moves a .env file into the store, deletes it and ignores it in git when asked', async () => {
    const repo = cliRepo();
    await repo.cli(['store', 'init']);
    const [a, b, c] = [randomValue(), randomValue(), `${randomValue()} with "quotes"\nand a second line`];
    const envFile = join(repo.root, '.env');
    writeFileSync(
      envFile,
      `# local settings\nexport API_KEY=${a}\nDB_URL='${b}' \nMULTI="${c.replace(/"/g, '\\"').replace(/\n/g, '\\n')}"\nEMPTY=\n`,
    );
    const result = await repo.cli(['secrets', 'import', '.env', '--delete', '--gitignore']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('Imported 4 secrets from .env');
    expect(existsSync(envFile)).toBe(false);
    expect(readFileSync(join(repo.root, '.gitignore'), 'utf8')).toBe('/.env\n');
    expect((await repo.cli(['secrets', 'get', 'MULTI'])).out).toBe(c);
    expect((await repo.cli(['secrets', 'export', '--format', 'json'])).out).toBe(
      `${JSON.stringify({ API_KEY: a, DB_URL: b, EMPTY: '', MULTI: c }, null, 2)}\n`,
    );
    const listed = JSON.parse((await repo.cli(['secrets', 'list', '--json'])).out) as Array<{ source: string }>;
    expect(listed.every((entry) => entry.source === 'import:.env')).toBe(true);
    const log = readFileSync(join(repo.root, '.unleak', 'audit.jsonl'), 'utf8');
    expect(log.match(/"action":"import"/g)).toHaveLength(4);
    expect(log).not.toContain(a);
  });

  it('skips existing names unless --overwrite, keeps the file without a terminal, and warns when it is committed', async () => {
    const repo = cliRepo();
    await repo.cli(['store', 'init']);
    const kept = randomValue();
    await repo.cli(['secrets', 'set', 'API_KEY'], { stdin: kept });
    writeFileSync(join(repo.root, 'app.env'), `API_KEY=${randomValue()}\nOTHER=${randomValue()}\n`);
    execFileSync('git', ['add', 'app.env'], { cwd: repo.root });
    const result = await repo.cli(['secrets', 'import', 'app.env']);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/skipped API_KEY/);
    expect(result.err).toMatch(/app.env is committed to git/);
    expect(result.err).toMatch(/Keeping app.env/);
    expect(existsSync(join(repo.root, 'app.env'))).toBe(true);
    expect((await repo.cli(['secrets', 'get', 'API_KEY'])).out).toBe(kept);
  });

  it('imports nothing from a file with bad lines or names, listing every problem', async () => {
    const repo = cliRepo();
    await repo.cli(['store', 'init']);
    const secret = randomValue();
    writeFileSync(join(repo.root, 'bad.env'), `GOOD=${secret}\nthis line is wrong\nBAD.NAME=1\nQUOTE="unterminated\n`);
    const result = await repo.cli(['secrets', 'import', 'bad.env']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('line 2: not NAME=VALUE');
    expect(result.err).toContain('line 4: unterminated double quote');
    expect(result.err).toContain('BAD.NAME: not a valid secret name');
    expect(result.err).not.toContain(secret);
    expect((await repo.cli(['secrets', 'list'])).out).toBe('');
  });

  it('says to run unleak store init, exits 2 and keeps the file, when there is no store yet', async () => {
    const repo = cliRepo();
    const envFile = join(repo.root, '.env');
    writeFileSync(envFile, `API_KEY=${randomValue()}\n`);
    const result = await repo.cli(['secrets', 'import', '.env', '--delete']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('UNLEAK_STORE_NOT_FOUND');
    expect(result.err).toContain('run `unleak store init` first');
    expect(result.err).not.toContain('lock');
    expect(existsSync(envFile)).toBe(true);
    expect(existsSync(join(repo.root, '.unleak'))).toBe(false);
  });
});
