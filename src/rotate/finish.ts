import { UnleakError } from '../errors.js';
import type { RotationContext } from './provider-types.js';
import type { RotationJob } from './protocol.js';
import { describeCause, RotationError } from './rotation-errors.js';
import { scrubError } from './scrub.js';

/**
 * `unleak rotate --finish`: completes a rotation that left the store holding a previous value,
 * either on purpose (a grace period) or because a rollback could not reach the provider. It keeps
 * whichever value works: the current one if it passes the provider's test (then the previous one
 * is revoked and forgotten), else the previous one if that still works (the rotation is undone).
 */

/** What finishing did: `committed` (previous revoked), `restored` (previous kept, current dropped), `waiting` (grace not over). */
export interface FinishOutcome {
  name: string;
  provider: string;
  status: 'committed' | 'restored' | 'waiting';
  graceUntil?: Date;
}

/** The end of an entry's grace period (rotatedAt of the staged value + grace). */
export function graceEnd(rotatedAt: string | undefined, graceMs: number): Date | undefined {
  if (rotatedAt === undefined || Number.isNaN(Date.parse(rotatedAt))) return undefined;
  return new Date(Date.parse(rotatedAt) + graceMs);
}

/** Finishes one entry. `now` skips the wait for the grace period. */
export async function finishEntry(job: RotationJob, options: { now?: boolean } = {}): Promise<FinishOutcome> {
  const { entry, provider, store, io } = job;
  const name = entry.name;
  const previous = entry.previous;
  if (previous === undefined) throw new UnleakError('UNLEAK_ROTATION_NOTHING_PENDING', `${name} has no rotation to finish`);
  const until = graceEnd(entry.rotatedAt, job.graceMs);
  if (!options.now && until !== undefined && until.getTime() > io.now().getTime()) return { name, provider: provider.id, status: 'waiting', graceUntil: until };
  const ctx: RotationContext = { name, currentValue: entry.value, options: job.options, graceMs: job.graceMs, io };
  const secrets = [entry.value, previous];
  const audit = (action: string, detail?: string): Promise<void> => store.audit([{ action, secret: name, detail }]);
  try {
    await audit('rotate-finish', `provider=${provider.id}`);
    try {
      await provider.verify(ctx, entry.value);
    } catch (currentError) {
      try {
        await provider.verify(ctx, previous);
      } catch (previousError) {
        throw new RotationError('UNLEAK_ROTATION_NO_WORKING_VALUE', `${name}: neither value works: current: ${describeCause(currentError)}; previous: ${describeCause(previousError)}`, {
          step: 'finish',
          hint: 'Nothing was changed. Check that the system is reachable, then run --finish again.',
        });
      }
      await audit('rotate-abandon', 'the current value does not work; the previous one does');
      await store.restore(name, {});
      io.log(`${name}: the new value does not work but the old one does: the store holds the old value again (remove the unused new credential at ${provider.id} if it exists)`);
      return { name, provider: provider.id, status: 'restored' };
    }
    await provider.revokePrevious({ ...ctx, previousValue: previous });
    await audit('rotate-revoke', 'the previous credential is revoked');
    await store.commit(name, { provider: provider.id });
    io.log(`${name}: revoked the previous credential`);
    return { name, provider: provider.id, status: 'committed' };
  } catch (error) {
    await audit('rotate-failed', 'step=finish').catch(() => undefined);
    throw scrubError(error instanceof UnleakError ? error : new RotationError('UNLEAK_ROTATION_FAILED', `finish failed: ${describeCause(error)}`, { step: 'finish', cause: error }), secrets);
  }
}
