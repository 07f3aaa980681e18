import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { defineProvider } from '../../src/rotate/define-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { twoPhaseHandle } from '../../src/rotate/handle.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { providerFailed, uncertainCreate } from '../../src/rotate/rotation-errors.js';
import { testIo } from './helpers/fake-io.js';

/** A pretend system with a set of live credentials, and switches to make each step fail. */
function fakeSystem(initial: string, dual = true) {
  const live = new Set([initial]);
  const calls: string[] = [];
  const fail: Partial<Record<'create' | 'test' | 'revoke' | 'undoRevoke' | 'undoCreate' | 'uncertain', boolean>> = {};
  const provider = defineProvider({
    id: 'fake',
    title: 'fake',
    docs: 'https://example.invalid',
    dualCredentials: dual,
    options: z.object({}).passthrough(),
    matches: () => true,
    plan: () => [],
    async rotate(ctx) {
      calls.push('create');
      const next = randomBytes(12).toString('hex');
      if (fail.uncertain) throw uncertainCreate('fake', 'connection lost', next);
      if (fail.create) throw providerFailed('fake', `refused to replace ${ctx.currentValue}`);
      live.add(next);
      if (!dual) live.delete(ctx.currentValue);
      return twoPhaseHandle({
        newValue: next,
        test: async () => {
          calls.push('test');
          if (fail.test || !live.has(next)) throw providerFailed('fake', 'new credential refused');
        },
        revoke: async () => {
          calls.push('revoke');
          live.delete(ctx.currentValue);
          if (fail.revoke) throw providerFailed('fake', 'revoke broke half-way');
        },
        undoRevoke: async () => {
          calls.push('undoRevoke');
          if (fail.undoRevoke) throw providerFailed('fake', 'unreachable');
          live.add(ctx.currentValue);
        },
        undoCreate: async () => {
          calls.push('undoCreate');
          if (fail.undoCreate) throw providerFailed('fake', 'unreachable');
          live.delete(next);
          live.add(ctx.currentValue);
        },
      });
    },
    async verify(_ctx, value) {
      if (!live.has(value)) throw providerFailed('fake', 'refused');
    },
    async revokePrevious(ctx) {
      calls.push('revokePrevious');
      live.delete(ctx.previousValue);
    },
  });
  return { live, calls, fail, provider };
}

function setup(options: { dual?: boolean; graceMs?: number } = {}) {
  const old = randomBytes(12).toString('hex');
  const system = fakeSystem(old, options.dual);
  const io = testIo();
  const store = new MemoryRotationStore(
    [{ name: 'API_KEY', value: old, createdAt: '2025-01-01T00:00:00Z', rotatedAt: '2025-06-01T00:00:00Z', leaked: true }],
    io.now,
  );
  const job = async (): Promise<RotationJob> => ({
    entry: (await store.entries())[0]!,
    provider: system.provider,
    options: {},
    graceMs: options.graceMs ?? 0,
    store,
    io,
  });
  return { old, system, io, store, job };
}

describe('rotation protocol', () => {
  it('creates, stores, tests, revokes, then commits the store', async () => {
    const { old, system, store, job } = setup();
    const outcome = await rotateEntry(await job());
    expect(outcome.status).toBe('rotated');
    expect(system.calls).toEqual(['create', 'test', 'revoke']);
    const entry = store.get('API_KEY')!;
    expect(entry.value).not.toBe(old);
    expect(system.live).toEqual(new Set([entry.value]));
    expect(entry.previous).toBeUndefined();
    expect(entry.leaked).toBe(false);
    expect(store.auditTrail.map((event) => event.action)).toEqual([
      'rotate-start',
      'rotate-create',
      'rotate',
      'rotate-test',
      'rotate-revoke',
      'commit-rotation',
    ]);
  });

  it('undoes the creation when the new credential fails its test', async () => {
    const { old, system, store, job } = setup();
    system.fail.test = true;
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_PROVIDER_FAILED', step: 'test' });
    expect(system.calls).toEqual(['create', 'test', 'undoCreate']);
    expect(system.live).toEqual(new Set([old]));
    expect(store.get('API_KEY')).toMatchObject({ value: old, rotatedAt: '2025-06-01T00:00:00Z', leaked: true });
    expect(store.get('API_KEY')).not.toHaveProperty('previous');
    expect(store.auditTrail.map((event) => event.action)).toContain('rotate-rollback');
  });

  it('undoes a half-done revocation, then the creation', async () => {
    const { old, system, store, job } = setup();
    system.fail.revoke = true;
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'revoke' });
    expect(system.calls).toEqual(['create', 'test', 'revoke', 'undoRevoke', 'undoCreate']);
    expect(system.live).toEqual(new Set([old]));
    expect(store.get('API_KEY')?.value).toBe(old);
  });

  it('keeps both values in the store when the rollback cannot bring the old credential back', async () => {
    const { old, system, store, job } = setup();
    system.fail.revoke = true;
    system.fail.undoRevoke = true;
    const error = await rotateEntry(await job()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    expect(system.calls).not.toContain('undoCreate');
    const entry = store.get('API_KEY')!;
    expect(entry.previous).toBe(old);
    expect(system.live.has(entry.value)).toBe(true);
  });

  it('leaves the store untouched when creation fails, and never puts a value in the message', async () => {
    const { old, system, store, job } = setup();
    system.fail.create = true;
    const error = (await rotateEntry(await job()).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ step: 'create' });
    expect(error.message).not.toContain(old);
    expect(error.message).toContain('[redacted]');
    expect(store.get('API_KEY')).toMatchObject({ value: old });
    expect(store.get('API_KEY')).not.toHaveProperty('previous');
  });

  it('keeps both values when the creation outcome is unknown', async () => {
    const { old, system, store, job } = setup();
    system.fail.uncertain = true;
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_UNCERTAIN' });
    expect(store.get('API_KEY')?.previous).toBe(old);
  });

  it('rolls back when the audit trail cannot be written after the creation', async () => {
    const { old, system, store, job } = setup();
    const audit = store.audit.bind(store);
    store.audit = async (events) => {
      if (events.some((event) => event.action === 'rotate-create')) throw new Error('disk full');
      await audit(events);
    };
    await expect(rotateEntry(await job())).rejects.toMatchObject({ step: 'create' });
    expect(system.live).toEqual(new Set([old]));
    expect(store.get('API_KEY')?.value).toBe(old);
  });

  it('says to run --finish when the store cannot take the old value back after a rollback', async () => {
    const { system, store, job } = setup();
    system.fail.test = true;
    store.restore = async () => {
      throw new Error('store locked');
    };
    await expect(rotateEntry(await job())).rejects.toMatchObject({
      code: 'UNLEAK_ROTATION_STORE_FAILED',
      hint: expect.stringMatching(/--finish API_KEY/),
    });
  });

  it('refuses to start while a previous value is kept', async () => {
    const { system, store, job } = setup();
    system.fail.undoCreate = true;
    system.fail.test = true;
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_ROLLBACK_FAILED' });
    await expect(rotateEntry(await job())).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_PENDING' });
    expect(store.get('API_KEY')?.previous).toBeDefined();
  });
});

describe('grace periods and --finish', () => {
  it('keeps the old credential alive, then revokes it once the grace period is over', async () => {
    const { old, system, store, io, job } = setup({ graceMs: 3_600_000 });
    const outcome = await rotateEntry(await job());
    expect(outcome).toMatchObject({ status: 'grace', graceUntil: new Date(io.clock.now.getTime() + 3_600_000) });
    expect(system.live.has(old)).toBe(true);
    expect(store.get('API_KEY')?.previous).toBe(old);
    expect(await finishEntry(await job())).toMatchObject({ status: 'waiting' });
    io.clock.now = new Date(io.clock.now.getTime() + 3_600_001);
    expect(await finishEntry(await job())).toMatchObject({ status: 'committed' });
    expect(system.live.has(old)).toBe(false);
    expect(store.get('API_KEY')).toMatchObject({ leaked: false });
    expect(store.get('API_KEY')).not.toHaveProperty('previous');
  });

  it('ignores the grace period of a provider that cannot keep two credentials', async () => {
    const { system, job } = setup({ graceMs: 3_600_000, dual: false });
    expect((await rotateEntry(await job())).status).toBe('rotated');
    expect(system.calls).toContain('revoke');
  });

  it('keeps the previous value when the current one does not work', async () => {
    const { old, system, store, job } = setup();
    system.fail.test = true;
    system.fail.undoCreate = true;
    await rotateEntry(await job()).catch(() => undefined);
    const broken = store.get('API_KEY')!.value;
    system.live.delete(broken);
    system.live.add(old);
    expect(await finishEntry(await job(), { now: true })).toMatchObject({ status: 'restored' });
    expect(store.get('API_KEY')).toMatchObject({ value: old });
    expect(store.get('API_KEY')).not.toHaveProperty('previous');
  });

  it('fails, changing nothing, when neither value works', async () => {
    const { system, store, job } = setup();
    system.fail.test = true;
    system.fail.undoCreate = true;
    await rotateEntry(await job()).catch(() => undefined);
    system.live.clear();
    await expect(finishEntry(await job(), { now: true })).rejects.toMatchObject({ code: 'UNLEAK_ROTATION_NO_WORKING_VALUE' });
    expect(store.get('API_KEY')?.previous).toBeDefined();
  });
});
