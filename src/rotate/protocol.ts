import { UnleakError } from '../errors.js';
import type { Holder } from './holders.js';
import { recordVerification, verificationLine, verifyAfterRotation, type RotationVerification } from './live-check.js';
import type { RotationCheckpoint, RotationContext, RotationHandle, RotationIo, RotationProvider } from './provider-types.js';
import { describeCause, RotationError, salvagedValue, type RotationStep } from './rotation-errors.js';
import type { HolderChange, RotationEntry, RotationStore } from './rotation-store.js';
import { scrubError } from './scrub.js';

/**
 * The rotation protocol, the same for every provider: prepare → create → store → test → revoke.
 * The new value is saved in the store (encrypted, as pending) before the provider changes
 * anything, so no interruption, crash or failed write can leave a credential nobody knows:
 * `rotate --finish` tests which value works and converges. If a step fails, everything before it
 * is undone: the provider puts the old credential back and the store holds the old value again.
 * If the provider cannot put it back, the store keeps both values. A stop request (SIGINT/SIGTERM)
 * is honoured only where store and provider agree. Each step appends to the audit trail.
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
  /** Other entries holding the same credential: they change with `entry`, in the same writes. */
  holders?: Holder[];
}

/** How a rotation ended. `grace`: the new value is stored and tested, the old one revoked later by `--finish`. */
export interface RotationOutcome {
  name: string;
  provider: string;
  status: 'rotated' | 'grace';
  graceUntil?: Date;
  notes: string[];
  /** The live verification after the rotation (with `io.verifyLive`): the new value, and the old one once revoked. */
  verification?: RotationVerification;
}

/**
 * Verifies after a rotation (see live-check.ts), records the answers and logs them. Never throws
 * and never undoes anything: an old credential still accepted is for the caller to report.
 */
export async function verifyAndRecord(
  job: RotationJob,
  values: { current: string; old?: string },
): Promise<RotationVerification | undefined> {
  const verification = await verifyAfterRotation(job, values);
  if (!verification) return undefined;
  await recordVerification(job, namesOf(job), verification);
  job.io.log(verificationLine(job.entry.name, verification));
  return verification;
}

/** The context a provider gets for a job. */
export function contextOf(job: RotationJob, newValue?: string): RotationContext {
  return { name: job.entry.name, currentValue: job.entry.value, options: job.options, graceMs: job.graceMs, io: job.io, newValue };
}

function stepError(error: unknown, step: RotationStep): UnleakError {
  if (error instanceof RotationError && error.step === undefined)
    return new RotationError(error.code, error.message, { step, hint: error.hint, cause: error.cause ?? error });
  if (error instanceof UnleakError) return error;
  return new RotationError('UNLEAK_ROTATION_FAILED', `${step} failed: ${describeCause(error)}`, { step, cause: error });
}

/** The entry and its holders, each with its own shape of `newValue`. */
export function changesFor(job: RotationJob, newValue: string): HolderChange[] {
  return [
    { name: job.entry.name, value: newValue, expected: job.entry.value },
    ...(job.holders ?? []).map((holder) => ({ name: holder.entry.name, value: holder.reshape(newValue), expected: holder.entry.value })),
  ];
}

/** The names a job writes: the entry, then its holders. */
export function namesOf(job: RotationJob): string[] {
  return [job.entry.name, ...(job.holders ?? []).map((holder) => holder.entry.name)];
}

/** The error for a rotation stopped on request; `hint` says how to go on. */
export function interrupted(name: string, state: string, hint?: string): RotationError {
  return new RotationError('UNLEAK_ROTATION_INTERRUPTED', `${name}: stopped on request: ${state}`, {
    hint: hint ?? 'Run the rotation again when you are ready.',
  });
}

async function pause(io: RotationIo, step: RotationCheckpoint): Promise<boolean> {
  await io.checkpoint?.(step);
  return io.stopRequested?.() === true;
}

/** Rotates one entry (and its holders). Throws (after rolling back) when a step fails; the error says which. */
export async function rotateEntry(job: RotationJob): Promise<RotationOutcome> {
  const { entry, provider, store, io } = job;
  const name = entry.name;
  const names = namesOf(job);
  const secrets = [entry.value, ...(job.holders ?? []).map((holder) => holder.entry.value)];
  const audit = (action: string, detail?: string): Promise<void> => store.audit([{ action, secret: name, detail }]);
  const auditQuietly = (action: string, detail?: string): Promise<void> => audit(action, detail).catch(() => undefined);
  const busy = [entry, ...(job.holders ?? []).map((holder) => holder.entry)].find(
    (candidate) => candidate.previous !== undefined || candidate.pending !== undefined,
  );
  if (busy) {
    throw new UnleakError(
      'UNLEAK_ROTATION_PENDING',
      `${busy.name} is in the middle of a rotation (the store keeps a previous or pending value)`,
      { hint: `Finish it first: unleak rotate --finish ${busy.name}` },
    );
  }
  const ctx = contextOf(job);
  try {
    provider.check?.(ctx);
  } catch (error) {
    throw scrubError(stepError(error, 'create'), secrets);
  }
  if (io.stopRequested?.()) throw interrupted(name, 'nothing was changed');
  await audit('rotate-start', `provider=${provider.id}${names.length > 1 ? `; also ${names.slice(1).join(', ')}` : ''}`);
  let prepared: string | undefined;
  if (provider.prepare) {
    try {
      prepared = await provider.prepare(ctx);
    } catch (error) {
      await auditQuietly('rotate-failed', 'step=prepare');
      throw scrubError(stepError(error, 'create'), secrets);
    }
  }
  if (prepared !== undefined) {
    secrets.push(prepared);
    await store.savePending(changesFor(job, prepared), { provider: provider.id }).catch((error: unknown) => {
      throw scrubError(stepError(error, 'store'), secrets);
    });
    io.log(`${name}: saved the new value in the store as pending`);
    if (await pause(io, 'pending-saved')) {
      await store.dropPending(names).catch(() => undefined);
      throw interrupted(name, 'nothing was changed at the provider (the pending value is dropped)');
    }
  }
  let handle: RotationHandle;
  try {
    handle = await provider.rotate(contextOf(job, prepared));
  } catch (error) {
    await afterFailedCreate(job, error, prepared, secrets);
    throw scrubError(stepError(error, 'create'), secrets);
  }
  secrets.push(handle.newValue);
  io.log(`${name}: created a new credential (${provider.id})`);
  await pause(io, 'provider-changed');
  let stored = false;
  let step: RotationStep = 'create';
  const finishHint = `The store keeps both values. Run: unleak rotate --finish ${name}`;
  try {
    await audit('rotate-create', `provider=${provider.id}`);
    step = 'store';
    await store.stage(changesFor(job, handle.newValue), { provider: provider.id, at: io.now() });
    stored = true;
    io.log(
      `${name}: stored the new value (the old one kept as previous)${names.length > 1 ? `; also updated ${names.slice(1).join(', ')} (same credential)` : ''}`,
    );
    if (await pause(io, 'staged')) throw interrupted(name, 'the new credential is set and stored, not yet tested', finishHint);
    step = 'test';
    await handle.test();
    await audit('rotate-test', 'the new credential works');
    io.log(`${name}: the new credential works`);
    if (await pause(io, 'tested'))
      throw interrupted(name, 'the new credential is stored and works; the old one is not revoked yet', finishHint);
    if (job.graceMs > 0 && (handle.oldStillWorks ?? provider.dualCredentials)) {
      const graceUntil = new Date(io.now().getTime() + job.graceMs);
      await auditQuietly('rotate-grace', `old credential revoked after ${graceUntil.toISOString()}`);
      const verification = await verifyAndRecord(job, { current: handle.newValue });
      return { name, provider: provider.id, status: 'grace', graceUntil, notes: [...(handle.notes ?? [])], verification };
    }
    step = 'revoke';
    await handle.commit();
  } catch (error) {
    if (error instanceof RotationError && error.code === 'UNLEAK_ROTATION_INTERRUPTED') {
      await auditQuietly('rotate-interrupted', `after step=${step}`);
      throw error;
    }
    await auditQuietly('rotate-failed', `step=${step}`);
    await undo(job, handle, stored, prepared !== undefined, secrets, error);
    throw scrubError(stepError(error, step), secrets);
  }
  await auditQuietly('rotate-revoke', 'the old credential is revoked');
  io.log(`${name}: revoked the old credential`);
  await pause(io, 'revoked');
  try {
    await store.commit(names, { provider: provider.id });
  } catch (error) {
    throw scrubError(
      new RotationError(
        'UNLEAK_ROTATION_STORE_FAILED',
        `${name}: the old credential is revoked and the new one stored, but the store could not drop the previous value: ${describeCause(error)}`,
        {
          step: 'revoke',
          cause: error,
          hint: `Run: unleak rotate --finish ${name}`,
        },
      ),
      secrets,
    );
  }
  const notes = [...(handle.notes ?? [])];
  if (names.length > 1) notes.push(`${names.slice(1).join(', ')} held the same credential and now hold the new one`);
  const verification = await verifyAndRecord(job, { current: handle.newValue, old: entry.value });
  return { name, provider: provider.id, status: 'rotated', notes, verification };
}

/**
 * After a failed create. A pending value stays when the provider could not tell whether the change
 * happened (for `--finish` to test), and is dropped when nothing changed. Without a pending value,
 * a value the provider salvaged is stored with the old one kept as previous.
 */
async function afterFailedCreate(job: RotationJob, error: unknown, prepared: string | undefined, secrets: string[]): Promise<void> {
  const { entry, provider, store, io } = job;
  const auditQuietly = (action: string, detail: string): Promise<void> =>
    store.audit([{ action, secret: entry.name, detail }]).catch(() => undefined);
  const value = salvagedValue(error);
  if (prepared !== undefined) {
    if (value !== undefined) return auditQuietly('rotate-uncertain', 'step=create; the new value kept as pending');
    await auditQuietly('rotate-failed', 'step=create');
    await store.dropPending(namesOf(job)).catch(() => undefined);
    return;
  }
  if (value === undefined) return auditQuietly('rotate-failed', 'step=create');
  secrets.push(value);
  await store.stage(changesFor(job, value), { provider: provider.id, at: io.now() }).catch((stageError: unknown) => {
    throw scrubError(
      new RotationError(
        'UNLEAK_ROTATION_UNCERTAIN',
        `${entry.name}: ${describeCause(error)}; and the store could not keep the new value: ${describeCause(stageError)}`,
        { step: 'create', cause: stageError, hint: 'Check at the provider which password works, and set it with unleak secrets set.' },
      ),
      secrets,
    );
  });
  await auditQuietly('rotate-uncertain', 'step=create; both values kept');
}

async function undo(
  job: RotationJob,
  handle: RotationHandle,
  stored: boolean,
  hasPending: boolean,
  secrets: string[],
  cause: unknown,
): Promise<void> {
  const { entry, store, io } = job;
  const auditQuietly = (action: string, detail: string): Promise<void> =>
    store.audit([{ action, secret: entry.name, detail }]).catch(() => undefined);
  try {
    await handle.rollback();
  } catch (rollbackError) {
    const kept = stored
      ? 'both values kept in the store'
      : hasPending
        ? 'the new value kept in the store as pending'
        : 'the new value could not be stored';
    await auditQuietly('rotate-rollback-failed', kept);
    const message = `${entry.name}: ${describeCause(cause)}; then rolling back failed: ${describeCause(rollbackError)}`;
    throw scrubError(
      new RotationError('UNLEAK_ROTATION_ROLLBACK_FAILED', message, {
        cause: rollbackError,
        hint:
          stored || hasPending
            ? `The store keeps both values (${stored ? 'new as current, old as previous' : 'old as current, new as pending'}). When ${job.provider.id} is reachable, run: unleak rotate --finish ${entry.name}`
            : 'The new credential could not be stored and the old one could not be put back: restore access at the provider by hand.',
      }),
      secrets,
    );
  }
  await auditQuietly('rotate-rollback', 'the old credential works again');
  io.log(`${entry.name}: rolled back: the old credential works again`);
  for (const note of handle.notes ?? []) io.log(`${entry.name}: ${note}`);
  if (!stored) {
    if (hasPending) await store.dropPending(namesOf(job)).catch(() => undefined);
    return;
  }
  try {
    await store.restore(
      [entry, ...(job.holders ?? []).map((holder) => holder.entry)].map((held) => ({ name: held.name, rotatedAt: held.rotatedAt })),
    );
  } catch (restoreError) {
    throw scrubError(
      new RotationError(
        'UNLEAK_ROTATION_STORE_FAILED',
        `${entry.name}: rolled back at ${job.provider.id}, but the store could not put the old value back: ${describeCause(restoreError)}`,
        {
          cause: restoreError,
          hint: `Run: unleak rotate --finish ${entry.name} (it keeps the value that works)`,
        },
      ),
      secrets,
    );
  }
}
