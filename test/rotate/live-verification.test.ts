import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { defineProvider } from '../../src/rotate/define-provider.js';
import { finishEntry } from '../../src/rotate/finish.js';
import { twoPhaseHandle } from '../../src/rotate/handle.js';
import { OLD_RECHECK_DELAY_MS, verificationValue, type LiveCheckRequest, type LiveVerification } from '../../src/rotate/live-check.js';
import { MemoryRotationStore } from '../../src/rotate/memory-store.js';
import { rotateEntry, type RotationJob } from '../../src/rotate/protocol.js';
import { providerFailed } from '../../src/rotate/rotation-errors.js';
import { builtinProviders } from '../../src/rotate/registry.js';
import { entryStatuses, ProviderRegistry, parseRotationSettings } from '../../src/rotate/index.js';
import { testIo } from './helpers/fake-io.js';

const value = (): string => randomBytes(12).toString('hex');

/** A system whose revocation can be made to silently do nothing (the old credential stays live). */
function system(initial: string, options: { revokeIsNoop?: boolean; dual?: boolean } = {}) {
  const live = new Set([initial]);
  const provider = defineProvider({
    id: 'fake',
    title: 'fake',
    docs: 'https://example.invalid',
    dualCredentials: options.dual ?? false,
    options: z.object({ baseUrl: z.string().default('https://api.fake.example') }),
    matches: () => true,
    plan: () => [],
    async rotate(ctx) {
      const next = value();
      live.add(next);
      return twoPhaseHandle({
        newValue: next,
        test: async () => {
          if (!live.has(next)) throw providerFailed('fake', 'new credential refused');
        },
        revoke: async () => {
          if (!options.revokeIsNoop) live.delete(ctx.currentValue);
        },
        undoRevoke: async () => void live.add(ctx.currentValue),
        undoCreate: async () => void live.delete(next),
      });
    },
    async verify(_ctx, candidate) {
      if (!live.has(candidate)) throw providerFailed('fake', 'refused');
    },
    async revokePrevious(ctx) {
      if (!options.revokeIsNoop) live.delete(ctx.previousValue);
    },
  });
  const requests: LiveCheckRequest[] = [];
  const verifyLive = async (request: LiveCheckRequest): Promise<LiveVerification> => {
    requests.push(request);
    return live.has(request.value)
      ? { status: 'live', reason: '200 from api.fake.example' }
      : { status: 'revoked', reason: '401 from api.fake.example' };
  };
  return { live, provider, requests, verifyLive };
}

function jobFor(
  sys: ReturnType<typeof system>,
  store: MemoryRotationStore,
  entryValue: string,
  extra: Partial<RotationJob> = {},
  options: Record<string, unknown> = { baseUrl: 'https://api.fake.example' },
) {
  const sleeps: number[] = [];
  const io = testIo({ verifyLive: sys.verifyLive, sleep: async (ms) => void sleeps.push(ms) });
  const job: RotationJob = {
    entry: { name: 'API_TOKEN', value: entryValue, leaked: true },
    provider: sys.provider,
    options,
    graceMs: 0,
    store,
    io,
    ...extra,
  };
  return { job, io, sleeps };
}

describe('live verification after a rotation', () => {
  it('records the old credential refused and the new one live: audit entries, metadata and a progress line', async () => {
    const old = value();
    const sys = system(old);
    const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old, leaked: true }]);
    const { job, io } = jobFor(sys, store, old);
    const outcome = await rotateEntry(job);
    expect(outcome.verification).toMatchObject({
      old: { status: 'revoked', reason: '401 from api.fake.example' },
      current: { status: 'live', reason: '200 from api.fake.example' },
    });
    const trail = store.auditTrail.filter((event) => event.action.startsWith('rotate-verify'));
    expect(trail).toEqual([
      { action: 'rotate-verify-old', secret: 'API_TOKEN', detail: 'status=revoked; reason=401 from api.fake.example' },
      { action: 'rotate-verify-new', secret: 'API_TOKEN', detail: 'status=live; reason=200 from api.fake.example' },
    ]);
    expect(store.auditTrail.findIndex((event) => event.action === 'rotate-verify-old')).toBeGreaterThan(
      store.auditTrail.findIndex((event) => event.action === 'commit-rotation'),
    );
    expect(store.get('API_TOKEN')?.lastVerification).toEqual({
      at: io.clock.now.toISOString(),
      old: outcome.verification?.old,
      current: outcome.verification?.current,
    });
    expect(io.lines.at(-1)).toBe(
      'API_TOKEN: verified: old credential refused (401 from api.fake.example); new credential live (200 from api.fake.example)',
    );
    expect(sys.requests.map((request) => request.provider)).toEqual(['fake', 'fake']);
    expect(sys.requests.every((request) => request.customBaseUrl === undefined)).toBe(true);
  });

  it('an old credential still live after its revocation is asked again once, recorded, and never rolls back the new value', async () => {
    const old = value();
    const sys = system(old, { revokeIsNoop: true });
    const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old, leaked: true }]);
    const { job, sleeps } = jobFor(sys, store, old);
    const outcome = await rotateEntry(job);
    expect(outcome.status).toBe('rotated');
    expect(outcome.verification?.old?.status).toBe('live');
    expect(sleeps).toEqual([OLD_RECHECK_DELAY_MS]);
    expect(sys.requests.filter((request) => request.value === old)).toHaveLength(2);
    const entry = store.get('API_TOKEN');
    expect(entry?.value).not.toBe(old);
    expect(entry?.previous).toBeUndefined();
    expect(store.auditTrail.find((event) => event.action === 'rotate-verify-old')?.detail).toBe(
      'status=live; reason=200 from api.fake.example',
    );
    expect(store.auditTrail.some((event) => event.action === 'rotate-rollback')).toBe(false);
    expect(
      entryStatuses(
        await store.entries(),
        new ProviderRegistry(new Map(Object.entries(builtinProviders)), parseRotationSettings({}, 't')),
        new Date(),
      )[0],
    ).toMatchObject({ oldStillLive: true });
  });

  it('in a grace period only the new value is checked; --finish then checks the revoked previous one', async () => {
    const old = value();
    const sys = system(old, { dual: true });
    const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old, leaked: true }]);
    const { job } = jobFor(sys, store, old, { graceMs: 3_600_000 });
    const outcome = await rotateEntry(job);
    expect(outcome.status).toBe('grace');
    expect(outcome.verification?.old).toBeUndefined();
    expect(outcome.verification?.current?.status).toBe('live');
    expect(store.auditTrail.filter((event) => event.action.startsWith('rotate-verify')).map((event) => event.action)).toEqual([
      'rotate-verify-new',
    ]);
    const stored = store.get('API_TOKEN')!;
    const finish = jobFor(sys, store, stored.value, { entry: stored, graceMs: 3_600_000 });
    const finished = await finishEntry(finish.job, { now: true });
    expect(finished.status).toBe('committed');
    expect(finished.verification).toMatchObject({ old: { status: 'revoked' }, current: { status: 'live' } });
    expect(store.get('API_TOKEN')?.lastVerification?.old?.status).toBe('revoked');
  });

  it('a verifier that throws is recorded as unknown; without verifyLive nothing is checked or recorded', async () => {
    const old = value();
    const sys = system(old);
    const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old }]);
    const { job } = jobFor(sys, store, old);
    job.io.verifyLive = async () => {
      throw new Error('boom');
    };
    expect((await rotateEntry(job)).verification).toMatchObject({
      old: { status: 'unknown', reason: 'verifier failed' },
      current: { status: 'unknown', reason: 'verifier failed' },
    });
    const quiet = new MemoryRotationStore([{ name: 'API_TOKEN', value: old }]);
    const plain = jobFor(system(old), quiet, old);
    plain.job.io.verifyLive = undefined;
    expect((await rotateEntry(plain.job)).verification).toBeUndefined();
    expect(quiet.auditTrail.some((event) => event.action.startsWith('rotate-verify'))).toBe(false);
    expect(quiet.get('API_TOKEN')?.lastVerification).toBeUndefined();
  });

  it('names a custom baseUrl, so the public host is not asked about another system', async () => {
    const old = value();
    const sys = system(old);
    const store = new MemoryRotationStore([{ name: 'API_TOKEN', value: old }]);
    const { job } = jobFor(sys, store, old, {}, { baseUrl: 'https://ghe.example.com/api/v3' });
    await rotateEntry(job);
    expect(sys.requests.map((request) => request.customBaseUrl)).toEqual([
      'https://ghe.example.com/api/v3',
      'https://ghe.example.com/api/v3',
    ]);
  });

  it('a database password is verified as its full login URL (bare password with option url, or a URL value)', () => {
    const postgres = builtinProviders.postgres;
    const store = new MemoryRotationStore();
    const io = testIo();
    const bare: RotationJob = {
      entry: { name: 'DB_PASSWORD', value: 'pw' },
      provider: postgres,
      options: { url: 'postgres://app@127.0.0.1:5433/appdb' },
      graceMs: 0,
      store,
      io,
    };
    expect(verificationValue(bare, 's3cret/x')).toBe('postgres://app:s3cret%2Fx@127.0.0.1:5433/appdb');
    const url: RotationJob = { ...bare, entry: { name: 'DATABASE_URL', value: 'postgres://app:a@db:5432/x' }, options: {} };
    expect(verificationValue(url, 'postgres://app:b@db:5432/x')).toBe('postgres://app:b@db:5432/x');
  });
});
