import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { defineProvider } from '../../src/rotate/define-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { twoPhaseHandle } from '../../src/rotate/handle.js';
import { holdersOf } from '../../src/rotate/holders.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import type { RotationCheckpoint } from '../../src/rotate/provider-types.js';
import { providerFailed } from '../../src/rotate/rotation-errors.js';
import type { RotationEntry } from '../../src/rotate/rotation-store.js';
import { testIo } from './helpers/fake-io.js';

/**
 * The pending value: a rotation saves its new value before the provider changes anything, so that
 * no interruption or failed write loses a credential; `--finish` converges from any point.
 */

const secret = (): string => randomBytes(12).toString('hex');

/** A one-password system (like PostgreSQL): setting the new password replaces the old one. */
function singlePasswordSystem(initial: string) {
  let live = initial;
  const seenAtCreate: Array<{ pending?: string; value?: string }> = [];
  const fail = { rollback: false };
  let store: MemoryRotationStore | undefined;
  const provider = defineProvider({
    id: 'fake',
    title: 'fake',
    docs: 'https://example.invalid',
    dualCredentials: false,
    options: z.object({}).passthrough(),
    matches: () => true,
    plan: () => [],
    prepare: async (ctx) => (ctx.currentValue.includes('://') ? ctx.currentValue.replace(/:[^:@/]+@/, `:${secret()}@`) : secret()),
    async rotate(ctx) {
      const entry = store?.get(ctx.name);
      seenAtCreate.push({ pending: entry?.pending, value: entry?.value });
      const next = ctx.newValue as string;
      const old = live;
      live = next;
      return twoPhaseHandle({
        newValue: next,
        test: async () => {
          if (live !== next) throw providerFailed('fake', 'refused');
        },
        revoke: async () => undefined,
        undoCreate: async () => {
          if (fail.rollback) throw providerFailed('fake', 'unreachable');
          live = old;
        },
      });
    },
    async verify(_ctx, value) {
      if (value !== live) throw providerFailed('fake', 'refused');
    },
    async revokePrevious() {},
  });
  return { provider, seenAtCreate, fail, live: () => live, attach: (s: MemoryRotationStore) => void (store = s) };
}

/** An entry's values, with null for what it does not hold. */
const stateOf = (store: MemoryRotationStore, name: string) => {
  const entry = store.get(name);
  return { value: entry?.value, pending: entry?.pending ?? null, previous: entry?.previous ?? null, leaked: entry?.leaked ?? null };
};

function setup(entries: RotationEntry[], io = testIo()) {
  const system = singlePasswordSystem(entries[0]!.value);
  const store = new MemoryRotationStore(entries, io.now);
  system.attach(store);
  const job = async (finish = false): Promise<RotationJob> => {
    const all = await store.entries();
    const entry = all[0]!;
    const field = finish && entry.previous !== undefined ? 'previous' : 'value';
    return { entry, provider: system.provider, options: {}, graceMs: 0, store, io, holders: holdersOf(all, entry, field) };
  };
  return { system, store, io, job };
}

describe('rotation with a pending value', () => {
  it('saves the new value (pending) in the store before the provider changes anything', async () => {
    const old = secret();
    const { system, store, job } = setup([{ name: 'API_KEY', value: old }]);
    await rotateEntry(await job());
    expect(system.seenAtCreate).toHaveLength(1);
    expect(system.seenAtCreate[0]?.value).toBe(old);
    expect(system.seenAtCreate[0]?.pending).toBe(system.live());
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: system.live(), pending: null, previous: null });
  });

  it('a store write that fails after the change, with the rollback failing too, keeps the new value; --finish converges', async () => {
    const old = secret();
    const { system, store, job } = setup([{ name: 'API_KEY', value: old }]);
    system.fail.rollback = true;
    store.stage = async () => {
      throw new Error('disk full');
    };
    await expect(rotateEntry(await job())).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_ROLLBACK_FAILED',
      hint: expect.stringMatching(/--finish API_KEY/),
    });
    expect(system.live()).not.toBe(old);
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: old, pending: system.live() });
    delete (store as { stage?: unknown }).stage;
    expect(await finishEntry(await job(true), { now: true })).toMatchObject({ status: 'committed' });
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: system.live(), pending: null, previous: null, leaked: false });
  });

  it('--finish drops a pending value the provider never got, keeping the working one', async () => {
    const old = secret();
    const { store, job } = setup([{ name: 'API_KEY', value: old, pending: secret() }]);
    expect(await finishEntry(await job(true))).toMatchObject({ status: 'abandoned' });
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: old, pending: null });
  });

  it('--finish refuses to guess when neither value works, and changes nothing', async () => {
    const pending = secret();
    const stale = secret();
    const { store, job } = setup([{ name: 'API_KEY', value: secret(), pending }]);
    const j = await job(true);
    j.entry = { ...j.entry, value: stale };
    await expect(finishEntry(j)).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_NO_WORKING_VALUE' });
    expect(store.get('API_KEY')?.pending).toBe(pending);
  });
});

describe('a stop request (SIGINT/SIGTERM) during a rotation', () => {
  const stopAt = (step: RotationCheckpoint) => {
    let stop = false;
    return testIo({ checkpoint: async (at) => void (stop ||= at === step), stopRequested: () => stop });
  };

  it('before the provider change: nothing changes, the pending value is dropped', async () => {
    const old = secret();
    const { system, store, job } = setup([{ name: 'API_KEY', value: old }], stopAt('pending-saved'));
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_INTERRUPTED' });
    expect(system.live()).toBe(old);
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: old, pending: null, previous: null });
  });

  it('right after the provider change: the store write still happens, then it stops; --finish completes', async () => {
    const old = secret();
    const { system, store, job } = setup([{ name: 'API_KEY', value: old }], stopAt('provider-changed'));
    await expect(rotateEntry(await job())).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_INTERRUPTED',
      hint: expect.stringMatching(/--finish API_KEY/),
    });
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: system.live(), previous: old, pending: null });
    expect(await finishEntry(await job(true), { now: true })).toMatchObject({ status: 'committed' });
    expect(stateOf(store, 'API_KEY')).toMatchObject({ value: system.live(), previous: null });
  });
});

describe('entries holding the same credential', () => {
  it('a rotation updates every entry holding the value, each in its own shape, in the same writes', async () => {
    const password = secret();
    const url = `postgres://app:${password}@db.internal:5432/app`;
    const entries: RotationEntry[] = [
      { name: 'DATABASE_URL', value: url },
      { name: 'DB_PASSWORD', value: password },
      { name: 'DATABASE_URL_COPY', value: url },
      { name: 'OTHER_DB_URL', value: `postgres://other:${password}@elsewhere:5432/x` },
      { name: 'UNRELATED', value: secret() },
    ];
    const { store, job } = setup(entries);
    let stages = 0;
    const stage = store.stage.bind(store);
    store.stage = async (changes, info) => {
      stages += 1;
      return stage(changes, info);
    };
    const outcome = await rotateEntry(await job());
    const now = store.get('DATABASE_URL')!.value;
    const newPassword = /:([^:@]+)@/.exec(now)![1]!;
    expect(newPassword).not.toBe(password);
    expect(store.get('DB_PASSWORD')?.value).toBe(newPassword);
    expect(store.get('DATABASE_URL_COPY')?.value).toBe(now);
    expect(store.get('OTHER_DB_URL')?.value).toBe(entries[3]!.value);
    expect(store.get('UNRELATED')?.value).toBe(entries[4]!.value);
    expect(stages).toBe(1);
    expect(outcome.notes.join('\n')).toMatch(/DB_PASSWORD, DATABASE_URL_COPY held the same credential/);
    for (const name of ['DATABASE_URL', 'DB_PASSWORD', 'DATABASE_URL_COPY'])
      expect(stateOf(store, name)).toMatchObject({ previous: null, pending: null });
    expect(stateOf(store, 'DATABASE_URL').leaked).toBe(false);
  });
});
