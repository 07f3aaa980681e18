import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomValue } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/** unleak audit verify / log: tampering with .unleak/audit.jsonl is detected (exit 1). */

describe('audit trail', () => {
  let repo: CliRepo;
  let log: string;
  let lines: string[];
  const auditFile = (): string => join(repo.root, '.unleak', 'audit.jsonl');
  const withLines = async (edited: string[]): Promise<{ code: number; out: string }> => {
    writeFileSync(auditFile(), `${edited.join('\n')}\n`);
    const result = await repo.cli(['audit', 'verify']);
    writeFileSync(auditFile(), log);
    return result;
  };

  beforeAll(async () => {
    repo = cliRepo();
    await repo.cli(['store', 'init']);
    await repo.cli(['store', 'init', '--env', 'prod']);
    for (const name of ['ONE', 'TWO', 'THREE']) await repo.cli(['secrets', 'set', name], { stdin: randomValue() });
    await repo.cli(['secrets', 'rm', 'TWO']);
    await repo.cli(['secrets', 'set', 'PROD_ONLY', '--env', 'prod'], { stdin: randomValue() });
    log = readFileSync(auditFile(), 'utf8');
    lines = log.trim().split('\n');
  });

  it('verifies an intact trail (exit 0) and prints it', async () => {
    expect(lines).toHaveLength(7);
    expect(await repo.cli(['audit', 'verify'])).toMatchObject({ code: 0, out: 'audit trail intact: 7 entries\n' });
    const printed = await repo.cli(['audit', 'log']);
    expect(
      printed.out
        .trim()
        .split('\n')
        .map((line) => line.split('  ').slice(1, 3)),
    ).toEqual([
      ['tester@example.com', expect.stringMatching(/^init/)],
      ['tester@example.com', expect.stringMatching(/^init/)],
      ['tester@example.com', 'set ONE'],
      ['tester@example.com', 'set TWO'],
      ['tester@example.com', 'set THREE'],
      ['tester@example.com', 'rm TWO'],
      ['tester@example.com', 'set PROD_ONLY'],
    ]);
  });

  it('detects an edited entry', async () => {
    const edited = [...lines];
    edited[3] = (edited[3] ?? '').replace('"secret":"TWO"', '"secret":"TOO"');
    const result = await withLines(edited);
    expect(result.code).toBe(1);
    expect(result.out).toContain('line 4: entry was edited');
  });

  it('detects an edited entry whose hash was recomputed (the next entry no longer links to it)', async () => {
    const edited = [...lines];
    const entry = JSON.parse(edited[2] ?? '') as Record<string, unknown>;
    entry.actor = 'someone-else@example.com';
    const { createHash } = await import('node:crypto');
    const { hash: _drop, ...body } = entry;
    const sorted = Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1)));
    entry.hash = createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
    edited[2] = JSON.stringify(entry);
    const result = await withLines(edited);
    expect(result.code).toBe(1);
    expect(result.out).toContain('line 4: chain broken');
    expect(result.out).not.toContain('line 3');
  });

  it('detects reordered entries', async () => {
    const edited = [...lines];
    [edited[2], edited[3]] = [edited[3] ?? '', edited[2] ?? ''];
    const result = await withLines(edited);
    expect(result.code).toBe(1);
    expect(result.out).toContain('line 3: chain broken');
  });

  it('detects a removed entry in the middle, at the start and at the end', async () => {
    for (const index of [3, 0, 6]) {
      const result = await withLines(lines.filter((_, i) => i !== index));
      expect(result.code, `removed line ${index + 1}`).toBe(1);
    }
    expect((await withLines(lines.slice(0, 6))).out).toContain('.unleak/secrets.prod.sops.json: its last audit entry is missing');
  });

  it('detects a damaged line and a deleted log', async () => {
    expect((await withLines([...lines.slice(0, 5), '{"v":1,', ...lines.slice(6)])).out).toContain('line 6: not a valid audit entry');
    const deleted = await withLines([]);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toMatch(/secrets.default.sops.json: its last audit entry is missing/);
  });
});
