import { UnleakError } from '../errors.js';
import type { RotationContext, RotationHandle, RotationIo, RotationProvider } from './provider-types.js';
import { describeCause, RotationError, salvagedValue, type RotationStep } from './rotation-errors.js';
import type { RotationEntry, RotationStore } from './rotation-store.js';
import { scrubError } from './scrub.js';

/**
 * The rotation protocol, the same for every provider: create → store → test → revoke. If a step
 * fails, everything before it is undone: the provider puts the old credential back and the store
 * holds the old value again. If the provider cannot put it back, the store keeps both values (new
 * as current, old as previous) so that no working credential is ever lost. Each step appends to
 * the audit trail.
 */

/** One rotation: the entry, its provider with validated options, and where it happens. */
export interface RotationJob {
  entry: RotationEntry;
  provider: RotationProvider;
  options: Record<string, unknown>;
  /** Grace period for dual-credential providers (ms); 0 revokes at once. */
  graceMs: number;
  store: RotationStore;
  io: RotationIo;
}

/** How a rotation ended. `grace`: the new value is stored and tested, the old one revoked later by `--finish`. */
export interface RotationOutcome {
  name: string;
  provider: string;
  status: 'rotated' | 'grace';
  graceUntil?: Date;
  notes: string[];
}

function contextOf(job: RotationJob): RotationContext {
  return { name: job.entry.name, currentValue: job.entry.value, options: job.options, graceMs: job.graceMs, io: job.io };
}

function stepError(error: unknown, step: RotationStep): UnleakError {
  if (error instanceof RotationError && error.step === undefined) return new RotationError(error.code, error.message, { step, hint: error.hint, cause: error.cause ?? error });
  if (error instanceof UnleakError) return error;
  return new RotationError('UNLEAK_ROTATION_FAILED', `${step} failed: ${describeCause(error)}`, { step, cause: error });
}

/** Rotates one entry. Throws (after rolling back) when a step fails; the error says which. */
export async function rotateEntry(job: RotationJob): Promise<RotationOutcome> {
  const { entry, provider, store, io } = job;
  const name = entry.name;
  const secrets = [entry.value];
  const audit = (action: string, detail?: string): Promise<void> => store.audit([{ action, secret: name, detail }]);
  const auditQuietly = (action: string, detail?: string): Promise<void> => audit(action, detail).catch(() => undefined);
  if (entry.previous !== undefined) {
    throw new UnleakError('UNLEAK_ROTATION_PENDING', `${name} is in the middle of a rotation (the store still keeps its previous value)`, {
      hint: `Finish it first: unleak rotate --finish ${name}`,
    });
  }
  await audit('rotate-start', `provider=${provider.id}`);
  let handle: RotationHandle;
  try {
    handle = await provider.rotate(contextOf(job));
  } catch (error) {
    await salvage(job, error, secrets);
    throw scrubError(stepError(error, 'create'), secrets);
  }
  secrets.push(handle.newValue);
  io.log(`${name}: created a new credential (${provider.id})`);
  let stored = false;
  let step: RotationStep = 'create';
  try {
    await audit('rotate-create', `provider=${provider.id}`);
    step = 'store';
    await store.stage(name, handle.newValue, entry.value, { provider: provider.id, at: io.now() });
    stored = true;
    io.log(`${name}: stored the new value (the old one kept as previous)`);
    step = 'test';
    await handle.test();
    await audit('rotate-test', 'the new credential works');
    io.log(`${name}: the new credential works`);
    if (job.graceMs > 0 && (handle.oldStillWorks ?? provider.dualCredentials)) {
      const graceUntil = new Date(io.now().getTime() + job.graceMs);
      await auditQuietly('rotate-grace', `old credential revoked after ${graceUntil.toISOString()}`);
      return { name, provider: provider.id, status: 'grace', graceUntil, notes: [...(handle.notes ?? [])] };
    }
    step = 'revoke';
    await handle.commit();
  } catch (error) {
    await auditQuietly('rotate-failed', `step=${step}`);
    await undo(job, handle, stored, secrets, error);
    throw scrubError(stepError(error, step), secrets);
  }
  await auditQuietly('rotate-revoke', 'the old credential is revoked');
  io.log(`${name}: revoked the old credential`);
  try {
    await store.commit(name, { provider: provider.id });
  } catch (error) {
    throw scrubError(
      new RotationError('UNLEAK_ROTATION_STORE_FAILED', `${name}: the old credential is revoked and the new one stored, but the store could not drop the previous value: ${describeCause(error)}`, {
        step: 'revoke',
        cause: error,
        hint: `Run: unleak rotate --finish ${name}`,
      }),
      secrets,
    );
  }
  return { name, provider: provider.id, status: 'rotated', notes: [...(handle.notes ?? [])] };
}

/** After a failed create: keeps both values when the provider could not tell whether the change happened. */
async function salvage(job: RotationJob, error: unknown, secrets: string[]): Promise<void> {
  const { entry, provider, store, io } = job;
  const value = salvagedValue(error);
  if (value === undefined) {
    await store.audit([{ action: 'rotate-failed', secret: entry.name, detail: 'step=create' }]).catch(() => undefined);
    return;
  }
  secrets.push(value);
  await store.stage(entry.name, value, entry.value, { provider: provider.id, at: io.now() }).catch((stageError: unknown) => {
    throw scrubError(new RotationError('UNLEAK_ROTATION_UNCERTAIN', `${entry.name}: ${describeCause(error)}; and the store could not keep the new value: ${describeCause(stageError)}`, { step: 'create', cause: stageError, hint: 'Check at the provider which password works, and set it with unleak secrets set.' }), secrets);
  });
  await store.audit([{ action: 'rotate-uncertain', secret: entry.name, detail: 'step=create; both values kept' }]).catch(() => undefined);
}

async function undo(job: RotationJob, handle: RotationHandle, stored: boolean, secrets: string[], cause: unknown): Promise<void> {
  const { entry, store, io } = job;
  const auditQuietly = (action: string, detail: string): Promise<void> => store.audit([{ action, secret: entry.name, detail }]).catch(() => undefined);
  try {
    await handle.rollback();
  } catch (rollbackError) {
    await auditQuietly('rotate-rollback-failed', stored ? 'both values kept in the store' : 'the new value could not be stored');
    const message = `${entry.name}: ${describeCause(cause)}; then rolling back failed: ${describeCause(rollbackError)}`;
    throw scrubError(
      new RotationError('UNLEAK_ROTATION_ROLLBACK_FAILED', message, {
        cause: rollbackError,
        hint: stored
          ? `The store keeps both values (new as current, old as previous). When ${job.provider.id} is reachable, run: unleak rotate --finish ${entry.name}`
          : 'The new credential could not be stored and the old one could not be put back: restore access at the provider by hand.',
      }),
      secrets,
    );
  }
  await auditQuietly('rotate-rollback', 'the old credential works again');
  io.log(`${entry.name}: rolled back: the old credential works again`);
  for (const note of handle.notes ?? []) io.log(`${entry.name}: ${note}`);
  if (!stored) return;
  try {
    await store.restore(entry.name, { rotatedAt: entry.rotatedAt });
  } catch (restoreError) {
    throw scrubError(
      new RotationError('UNLEAK_ROTATION_STORE_FAILED', `${entry.name}: rolled back at ${job.provider.id}, but the store could not put the old value back: ${describeCause(restoreError)}`, {
        cause: restoreError,
        hint: `Run: unleak rotate --finish ${entry.name} (it keeps the value that works)`,
      }),
      secrets,
    );
  }
}
