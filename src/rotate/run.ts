import { toUnleakError, UnleakError } from '../errors.js';
import { finishEntry } from './finish.js';
import { holdersOf, type Holder } from './holders.js';
import type { RotationVerification } from './live-check.js';
import { contextOf, interrupted, rotateEntry, type RotationJob } from './protocol.js';
import type { RotationIo } from './provider-types.js';
import type { ProviderRegistry } from './registry.js';
import { graceFor } from './rotation-config.js';
import type { RotationEntry, RotationStore } from './rotation-store.js';
import { selectEntries, type Selection } from './selection.js';
import { composedParts, entryStatuses } from './status.js';
import { targetDefaults } from './target-url.js';

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

/** What happened to one entry. Never holds a value. `manual`: no API can rotate it; `plan` holds the steps. */
export interface RotationResult {
  name: string;
  provider?: string;
  status: 'rotated' | 'grace' | 'committed' | 'restored' | 'abandoned' | 'waiting' | 'planned' | 'manual' | 'failed';
  graceUntil?: Date;
  notes: string[];
  plan?: string[];
  error?: UnleakError;
  /** The live verification after a rotation or finish (with `io.verifyLive`); `old.status === 'live'` means the revocation did not take. */
  verification?: RotationVerification;
}

/** The entries holding the same credential as `entry`, as the run's mode sees them. */
function holdersFor(all: RotationEntry[], entry: RotationEntry, finish: boolean | undefined): Holder[] {
  if (!finish) return holdersOf(all, entry, 'value');
  if (entry.previous !== undefined)
    return holdersOf(
      all.filter((other) => other.previous !== undefined),
      entry,
      'previous',
    );
  return holdersOf(
    all.filter((other) => other.pending !== undefined && other.previous === undefined),
    entry,
    'value',
  );
}

/** Rotates (or finishes, or plans) every selected entry, one after the other; a failure does not stop the others. */
export async function runRotation(run: RotationRun): Promise<RotationResult[]> {
  const statuses = entryStatuses(await run.store.entries(), run.registry, run.io.now());
  const names = selectEntries(statuses, run.selection);
  const results: RotationResult[] = [];
  const done = new Set<string>();
  for (const name of names) {
    if (done.has(name)) continue;
    if (!run.dryRun && run.io.stopRequested?.()) {
      results.push({ name, status: 'failed', notes: [], error: interrupted(name, 'not started') });
      continue;
    }
    const all = await run.store.entries();
    const entry = all.find((candidate) => candidate.name === name);
    if (!entry) continue;
    const resolved = run.registry.resolve({ name, provider: entry.provider, value: entry.value, target: entry.target });
    if (entry.composed) {
      const parts = composedParts(entry.value);
      const error = new UnleakError(
        'UNLEAK_ROTATION_COMPOSED',
        `${name} is composed of ${parts.join(', ') || 'other entries'} and holds no credential of its own`,
        { hint: `Rotate ${parts.length ? parts.join(' ') : 'the entries it refers to'}: ${name} follows them.` },
      );
      results.push({ name, status: 'failed', notes: [], error });
      continue;
    }
    if ('reason' in resolved) {
      const error = new UnleakError('UNLEAK_ROTATION_NO_PROVIDER', `${name}: ${resolved.reason}`, {
        hint: 'Name one with rotation.secrets.<NAME>.provider in .unleak.yaml (see docs/rotate.md).',
      });
      results.push({ name, status: 'failed', notes: [], error });
      continue;
    }
    const provider = resolved.provider;
    try {
      const options = run.registry.optionsFor(provider, name, targetDefaults(entry, provider.id));
      const graceMs = run.graceMs ?? graceFor(run.registry.settings, name);
      const holders = holdersFor(all, entry, run.selection.finish);
      const job: RotationJob = { entry, provider, options, graceMs, store: run.store, io: run.io, holders };
      const also = holders.map((holder) => holder.entry.name);
      for (const held of also) done.add(held);
      const alsoNote = also.length ? [`${also.join(', ')} hold${also.length === 1 ? 's' : ''} the same credential and change with it`] : [];
      const manual = provider.manualSteps?.(contextOf(job));
      if (manual && !run.selection.finish) {
        results.push({ name, provider: provider.id, status: 'manual', notes: [], plan: manual });
      } else if (run.dryRun) {
        provider.check?.(contextOf(job));
        results.push({ name, provider: provider.id, status: 'planned', notes: alsoNote, plan: provider.plan(contextOf(job)) });
      } else if (run.selection.finish) {
        const outcome = await finishEntry(job, { now: run.now });
        results.push({
          name,
          provider: provider.id,
          status: outcome.status,
          graceUntil: outcome.graceUntil,
          notes: [],
          verification: outcome.verification,
        });
      } else {
        const outcome = await rotateEntry(job);
        results.push({
          name,
          provider: provider.id,
          status: outcome.status,
          graceUntil: outcome.graceUntil,
          notes: outcome.notes,
          verification: outcome.verification,
        });
      }
    } catch (error) {
      results.push({ name, provider: provider.id, status: 'failed', notes: [], error: toUnleakError(error) });
    }
  }
  return results;
}
