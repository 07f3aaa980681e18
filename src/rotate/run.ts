import { toUnleakError, UnleakError } from '../errors.js';
import { finishEntry } from './finish.js';
import { rotateEntry, type RotationJob } from './protocol.js';
import type { RotationIo } from './provider-types.js';
import type { ProviderRegistry } from './registry.js';
import { graceFor } from './rotation-config.js';
import type { RotationStore } from './rotation-store.js';
import { selectEntries, type Selection } from './selection.js';
import { entryStatuses } from './status.js';

/** One `unleak rotate` run over a store: which entries, and how. */
export interface RotationRun {
  store: RotationStore;
  registry: ProviderRegistry;
  io: RotationIo;
  selection: Selection;
  /** Print the plan, touch nothing. */
  dryRun?: boolean;
  /** `--grace`: overrides the configured grace period. */
  graceMs?: number;
  /** With `finish`: do not wait for grace periods to end. */
  now?: boolean;
}

/** What happened to one entry. Never holds a value. */
export interface RotationResult {
  name: string;
  provider?: string;
  status: 'rotated' | 'grace' | 'committed' | 'restored' | 'waiting' | 'planned' | 'failed';
  graceUntil?: Date;
  notes: string[];
  plan?: string[];
  error?: UnleakError;
}

/** Rotates (or finishes, or plans) every selected entry, one after the other; a failure does not stop the others. */
export async function runRotation(run: RotationRun): Promise<RotationResult[]> {
  const statuses = entryStatuses(await run.store.entries(), run.registry, run.io.now());
  const names = selectEntries(statuses, run.selection);
  const results: RotationResult[] = [];
  for (const name of names) {
    const entry = (await run.store.entries()).find((candidate) => candidate.name === name);
    if (!entry) continue;
    const resolved = run.registry.resolve({ name, provider: entry.provider, value: entry.value });
    if ('reason' in resolved) {
      const error = new UnleakError('UNLEAK_ROTATION_NO_PROVIDER', `${name}: ${resolved.reason}`, { hint: 'Name one with rotation.secrets.<NAME>.provider in .unleak.yaml (see docs/rotate.md).' });
      results.push({ name, status: 'failed', notes: [], error });
      continue;
    }
    const provider = resolved.provider;
    try {
      const options = run.registry.optionsFor(provider, name);
      const graceMs = run.graceMs ?? graceFor(run.registry.settings, name);
      const job: RotationJob = { entry, provider, options, graceMs, store: run.store, io: run.io };
      if (run.dryRun) {
        const plan = provider.plan({ name, currentValue: entry.value, options, graceMs, io: run.io });
        results.push({ name, provider: provider.id, status: 'planned', notes: [], plan });
      } else if (run.selection.finish) {
        const outcome = await finishEntry(job, { now: run.now });
        results.push({ name, provider: provider.id, status: outcome.status, graceUntil: outcome.graceUntil, notes: [] });
      } else {
        const outcome = await rotateEntry(job);
        results.push({ name, provider: provider.id, status: outcome.status, graceUntil: outcome.graceUntil, notes: outcome.notes });
      }
    } catch (error) {
      results.push({ name, provider: provider.id, status: 'failed', notes: [], error: toUnleakError(error) });
    }
  }
  return results;
}
