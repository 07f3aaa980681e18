import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForTest } from '../../helpers/bundle.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, parseIdentities, verifyAuditTrail } from '../../../src/store/index.js';
import { randomValue, tempDir } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/**
 * Issue 11: after a process was killed holding the store lock, 8 concurrent `secrets set` lost
 * writes that had printed "Added". Real CLI processes race for the stale lock here, round after
 * round, and every write that reported success must be in the store.
 */

const CLI_ENTRY = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));
const ROUNDS = 5;
const WRITERS = 8;

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  if (typeof child.pid !== 'number') throw new Error('could not start a child process');
  return child.pid;
}

describe('concurrent secrets set after a killed process', () => {
  let repo: CliRepo;
  let cli: string;

  beforeAll(async () => {
    repo = cliRepo();
    expect((await repo.cli(['store', 'init'])).code).toBe(0);
    cli = join(tempDir(), 'cli.mjs');
    await bundleForTest({ entryPoints: [CLI_ENTRY], outfile: cli });
  }, 120_000);

  function secretsSet(name: string, value: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [cli, 'secrets', 'set', name], {
      cwd: repo.root,
      env: { PATH: process.env.PATH, HOME: repo.root, ...repo.env },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.end(value);
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  }

  it('keeps every write that printed "Added" when many processes take over a stale lock at once', async () => {
    const lock = join(repo.root, '.unleak', 'secrets.default.sops.json.lock');
    const written = new Map<string, string>();
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), time: new Date().toISOString() }));
      const names = Array.from({ length: WRITERS }, (_, i) => `R${round}_W${i}`);
      const values = names.map(() => randomValue());
      const results = await Promise.all(names.map((name, i) => secretsSet(name, values[i] ?? '')));
      results.forEach((result, i) => {
        const name = names[i] ?? '';
        if (result.code === 0 && result.stderr.includes(`Added ${name}.`)) written.set(name, values[i] ?? '');
        else failures.push(`${name}: exit ${result.code}: ${result.stderr.trim()}`);
      });
    }
    expect(failures).toEqual([]);
    expect(written.size).toBe(ROUNDS * WRITERS);
    const identities = await parseIdentities(readFileSync(repo.key.path, 'utf8'), repo.key.path);
    const store = await openStore({ root: repo.root, identities });
    const missing = [...written].filter(([name, value]) => !store.has(name) || store.get(name) !== value).map(([name]) => name);
    expect(missing, 'writes that printed "Added" but are not in the store').toEqual([]);
    expect((await verifyAuditTrail(repo.root)).problems).toEqual([]);
  }, 300_000);
});
