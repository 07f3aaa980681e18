import { describe, expect, it } from 'vitest';
import { loadProviderRegistry } from '../../src/rotate/registry.js';
import { parseRotationSettings } from '../../src/rotate/rotation-config.js';
import { selectEntries } from '../../src/rotate/selection.js';
import { entryStatuses } from '../../src/rotate/status.js';
import type { RotationEntry } from '../../src/rotate/rotation-store.js';

const now = new Date('2026-06-01T00:00:00Z');
const ago = (days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

const entries: RotationEntry[] = [
  { name: 'OLD', value: 'v1', provider: 'command', createdAt: ago(400), rotatedAt: ago(100) },
  { name: 'NEW', value: 'v2', provider: 'command', createdAt: ago(5) },
  { name: 'LEAKED', value: 'v3', provider: 'command', createdAt: ago(1), leaked: true },
  {
    name: 'GRACE',
    value: 'v4',
    previous: 'v0',
    provider: 'command',
    createdAt: ago(300),
    rotatedAt: new Date(now.getTime() - 1_800_000).toISOString(),
  },
  { name: 'UNDATED', value: 'v5', provider: 'command' },
];

async function statuses(config: Record<string, unknown>) {
  const registry = await loadProviderRegistry(parseRotationSettings(config), process.cwd());
  return entryStatuses(entries, registry, now);
}

describe('entry status', () => {
  it('computes age from the last rotation (else creation), due against maxAge, and grace ends', async () => {
    const list = await statuses({ maxAge: '90d', rotation: { grace: '1h', secrets: { NEW: { maxAge: '3d' } } } });
    const byName = Object.fromEntries(list.map((status) => [status.name, status]));
    expect(byName.OLD).toMatchObject({ ageMs: 100 * 86_400_000, due: true, leaked: false, pending: false });
    expect(byName.NEW).toMatchObject({ due: true, maxAgeMs: 3 * 86_400_000 });
    expect(byName.LEAKED).toMatchObject({ due: false, leaked: true });
    expect(byName.GRACE).toMatchObject({ pending: true, graceUntil: new Date(now.getTime() + 1_800_000).toISOString(), due: false });
    expect(byName.UNDATED).toMatchObject({ ageMs: undefined, due: undefined });
  });
});

describe('selecting entries to rotate', () => {
  it('takes names, --all-leaked and --due together, in store order', async () => {
    const list = await statuses({ maxAge: '90d' });
    expect(selectEntries(list, { names: ['NEW'], allLeaked: true, due: true })).toEqual(['OLD', 'NEW', 'LEAKED']);
    expect(selectEntries(list, { names: [], allLeaked: true })).toEqual(['LEAKED']);
    expect(selectEntries(list, { names: [], finish: true })).toEqual(['GRACE']);
    expect(selectEntries(list, { names: ['OLD'], finish: true })).toEqual([]);
  });

  it('refuses unknown names, an empty selection, and --due without maxAge', async () => {
    const list = await statuses({});
    expect(() => selectEntries(list, { names: ['NOPE'] })).toThrow(/no store entry named NOPE/);
    expect(() => selectEntries(list, { names: [] })).toThrow(/say what to rotate/);
    expect(() => selectEntries(list, { names: [], due: true })).toThrow(/--due needs a maxAge/);
  });
});
