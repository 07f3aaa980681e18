import { UnleakError } from '../errors.js';
import type { RotationContext } from './provider-types.js';
import type { RotationVerification } from './live-check.js';
import { changesFor, contextOf, namesOf, verifyAndRecord, type RotationJob } from './protocol.js';
import { describeCause, RotationError } from './rotation-errors.js';
import { scrubError } from './scrub.js';

/**
 * `unleak rotate --finish`: completes a rotation from any point it stopped at, keeping whichever
 * value works at the provider.
 *
 *   pending value (saved before the provider change): if it works, it becomes current (the old
 *   value kept as previous, then handled as below); else, if the current value works, the pending
 *   one is dropped (the change never happened).
 *   previous value (a grace period, or a rotation stopped after the store write): if the current
 *   value works, the previous one is revoked and forgotten; else, if the previous value still
 *   works, it is current again (the rotation is undone).
 */

/** What finishing did: `committed` (previous revoked), `restored` (previous kept, current dropped), `abandoned` (pending dropped), `waiting` (grace not over). */
export interface FinishOutcome {
  name: string;
  provider: string;
  status: 'committed' | 'restored' | 'abandoned' | 'waiting';
  graceUntil?: Date;
  /** With `committed` and `io.verifyLive`: the previous value checked refused, the current one live. */
  verification?: RotationVerification;
}

/** The end of an entry's grace period (rotatedAt of the staged value + grace). */
export function graceEnd(rotatedAt: string | undefined, graceMs: number): Date | undefined {
  if (rotatedAt === undefined || Number.isNaN(Date.parse(rotatedAt))) return undefined;
  return new Date(Date.parse(rotatedAt) + graceMs);
}

async function works(
  ctx: RotationContext,
  verify: (ctx: RotationContext, value: string) => Promise<void>,
  value: string,
): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    await verify(ctx, value);
    return { ok: true };
  } catch (error) {
    return { ok: false, why: describeCause(error) };
  }
}

/** Finishes one entry (and its holders). `now` skips the wait for the grace period. */
export async function finishEntry(job: RotationJob, options: { now?: boolean } = {}): Promise<FinishOutcome> {
  const { entry, provider, store, io } = job;
  const name = entry.name;
  const pending = entry.pending;
  if (entry.previous === undefined && pending === undefined)
    throw new UnleakError('UNLEAK_ROTATION_NOTHING_PENDING', `${name} has no rotation to finish`);
  const secrets = [entry.value, ...[entry.previous, pending].filter((value): value is string => value !== undefined)];
  const audit = (action: string, detail?: string): Promise<void> => store.audit([{ action, secret: name, detail }]);
  const ctx = contextOf(job);
  const verify = provider.verify.bind(provider);
  try {
    if (entry.previous === undefined && pending !== undefined) {
      await audit('rotate-finish', `provider=${provider.id}; pending value`);
      const fresh = await works(ctx, verify, pending);
      if (!fresh.ok) {
        const old = await works(ctx, verify, entry.value);
        if (!old.ok) throw noWorkingValue(name, `pending: ${fresh.why}; current: ${old.why}`);
        await store.dropPending(namesOf(job));
        await audit('rotate-abandon', 'the pending value was never set; the current one works');
        io.log(`${name}: the interrupted rotation never changed the provider: the current value works, the pending one is dropped`);
        return { name, provider: provider.id, status: 'abandoned' };
      }
      await store.stage(changesFor(job, pending), { provider: provider.id, at: io.now() });
      io.log(`${name}: the pending value works: it is current now (the old one kept as previous)`);
      return await revokeAndCommit(job, { ...ctx, currentValue: pending }, entry.value);
    }
    const previous = entry.previous as string;
    const until = graceEnd(entry.rotatedAt, job.graceMs);
    if (!options.now && until !== undefined && until.getTime() > io.now().getTime())
      return { name, provider: provider.id, status: 'waiting', graceUntil: until };
    await audit('rotate-finish', `provider=${provider.id}`);
    const current = await works(ctx, verify, entry.value);
    if (current.ok) return await revokeAndCommit(job, ctx, previous);
    const old = await works(ctx, verify, previous);
    if (!old.ok) throw noWorkingValue(name, `current: ${current.why}; previous: ${old.why}`);
    await audit('rotate-abandon', 'the current value does not work; the previous one does');
    await store.restore(namesOf(job).map((held) => ({ name: held })));
    io.log(
      `${name}: the new value does not work but the old one does: the store holds the old value again (remove the unused new credential at ${provider.id} if it exists)`,
    );
    return { name, provider: provider.id, status: 'restored' };
  } catch (error) {
    await audit('rotate-failed', 'step=finish').catch(() => undefined);
    throw scrubError(
      error instanceof UnleakError
        ? error
        : new RotationError('UNLEAK_ROTATION_FAILED', `finish failed: ${describeCause(error)}`, { step: 'finish', cause: error }),
      secrets,
    );
  }
}

async function revokeAndCommit(job: RotationJob, ctx: RotationContext, previous: string): Promise<FinishOutcome> {
  const { provider, store, io, entry } = job;
  await job.provider.revokePrevious({ ...ctx, previousValue: previous });
  await store.audit([{ action: 'rotate-revoke', secret: entry.name, detail: 'the previous credential is revoked' }]);
  await store.commit(namesOf(job), { provider: provider.id });
  io.log(`${entry.name}: revoked the previous credential`);
  const verification = await verifyAndRecord(job, { current: ctx.currentValue, old: previous });
  return { name: entry.name, provider: provider.id, status: 'committed', verification };
}

function noWorkingValue(name: string, detail: string): RotationError {
  return new RotationError('UNLEAK_ROTATION_NO_WORKING_VALUE', `${name}: neither value works: ${detail}`, {
    step: 'finish',
    hint: 'Nothing was changed. Check that the system is reachable, then run --finish again.',
  });
}
