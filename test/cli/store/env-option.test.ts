import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../../helpers/tokens.js';
import { rotateRepo } from '../rotate/rotate-repo.js';

/**
 * One meaning of the environment options for every command family that opens a store (store
 * commands, fix/purge, rotate/status): `--env ""` is an error that touches nothing, and an empty
 * $UNLEAK_ENV is the same as an unset one (the "default" environment).
 */

const EMPTY_ENV_MESSAGE = '--env "" names no environment';

async function repoWithLeak() {
  const repo = await rotateRepo([{ name: 'API_KEY', value: 'stored-value-1' }]);
  const token = githubToken();
  repo.write('src/config.js', `module.exports = { token: "${token}" };\n`);
  return { repo, token };
}

describe('--env "" and an empty $UNLEAK_ENV', () => {
  it.each([
    ['store commands', ['secrets', 'list', '--env', '']],
    ['fix', ['fix', '--yes', '--env', '']],
    ['purge', ['purge', '--dry-run', '--env', '']],
    ['rotate', ['rotate', 'API_KEY', '--env', '']],
    ['status', ['status', '--env', '']],
  ])('%s: --env "" exits 2 with UNLEAK_ENV_INVALID and changes nothing', async (_family, argv) => {
    const { repo, token } = await repoWithLeak();
    const before = readFileSync(join(repo.root, 'src/config.js'), 'utf8');
    const result = await repo.cli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(EMPTY_ENV_MESSAGE);
    expect(result.stderr).toContain('UNLEAK_ENV_INVALID');
    expect(readFileSync(join(repo.root, 'src/config.js'), 'utf8')).toBe(before);
    expect(`${result.stdout}${result.stderr}`).not.toContain(token);
  });

  it('store commands and status read the default environment when $UNLEAK_ENV is empty', async () => {
    const { repo } = await repoWithLeak();
    const list = await repo.cli(['secrets', 'list'], { env: { UNLEAK_ENV: '' } });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('API_KEY');
    const status = await repo.cli(['status'], { env: { UNLEAK_ENV: '' } });
    expect(status.stderr).not.toContain('UNLEAK_ENV_INVALID');
    expect(status.stdout).toContain('API_KEY');
  });

  it('fix plans into the default store when $UNLEAK_ENV is empty', async () => {
    const { repo } = await repoWithLeak();
    const dry = await repo.cli(['fix', '--dry-run'], { env: { UNLEAK_ENV: '' } });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('secrets.default.sops.json');
    expect(dry.stdout).not.toContain('--env');
  });
});
