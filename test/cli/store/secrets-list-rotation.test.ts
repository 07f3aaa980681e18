import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { updateStore } from '../../../src/store/index.js';
import { rotateRepo } from '../rotate/rotate-repo.js';

/** `unleak secrets list` shows every unfinished rotation: a previous value (grace) and a pending one (interrupted). */

const fresh = (): string => randomBytes(12).toString('hex');

describe('unleak secrets list and unfinished rotations', () => {
  it('flags a pending value (an interrupted rotation) with the --finish hint, in text and JSON, never the value', async () => {
    const pending = fresh();
    const repo = await rotateRepo([
      { name: 'DB_PASSWORD', value: fresh() },
      { name: 'CALM', value: fresh() },
    ]);
    await updateStore({ root: repo.root, identities: repo.identities, actor: 'tester@example.com' }, (store) =>
      store.setPending('DB_PASSWORD', pending),
    );

    const text = await repo.cli(['secrets', 'list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^DB_PASSWORD .*rotation interrupted \(finish it: unleak rotate --finish DB_PASSWORD\)$/m);
    expect(text.stdout).toMatch(/^CALM /m);
    expect(text.stdout).not.toMatch(/^CALM .*rotation/m);

    const json = await repo.cli(['secrets', 'list', '--json']);
    const listed = JSON.parse(json.stdout) as Array<{ name: string }>;
    expect(listed).toHaveLength(2);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'DB_PASSWORD', rotating: true, interrupted: true }),
        expect.objectContaining({ name: 'CALM', rotating: false, interrupted: false }),
      ]),
    );
    for (const output of [text.stdout, text.stderr, json.stdout]) expect(output).not.toContain(pending);
  });

  it('still shows a rotation in its grace period (a previous value) as in progress, not interrupted', async () => {
    const repo = await rotateRepo([{ name: 'API_KEY', value: fresh() }]);
    await updateStore({ root: repo.root, identities: repo.identities, actor: 'tester@example.com' }, (store) =>
      store.set('API_KEY', fresh(), { keepPrevious: true }),
    );
    const text = await repo.cli(['secrets', 'list']);
    expect(text.stdout).toMatch(/^API_KEY .*rotation in progress \(finish it: unleak rotate --finish API_KEY\)$/m);
    expect(JSON.parse((await repo.cli(['secrets', 'list', '--json'])).stdout)).toEqual([
      expect.objectContaining({ name: 'API_KEY', rotating: true, interrupted: false }),
    ]);
  });
});
