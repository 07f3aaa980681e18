import type { RotationHandle } from './provider-types.js';

/** The pieces a provider gives to build its RotationHandle. */
export interface HandleSteps {
  newValue: string;
  /** Step "test": the new credential works. */
  test: () => Promise<void>;
  /** Step "revoke": the old credential stops working. */
  revoke: () => Promise<void>;
  /** Brings the old credential back after `revoke` started (it may have half-finished). */
  undoRevoke?: () => Promise<void>;
  /** Removes the new credential (and, for single-credential systems, brings the old one back). */
  undoCreate: () => Promise<void>;
  notes?: string[];
  /** See RotationHandle.oldStillWorks. */
  oldStillWorks?: boolean;
}

/**
 * A handle whose rollback undoes exactly what was started: the revocation first (if it began),
 * then the creation. If bringing the old credential back fails, the new one is left in place,
 * so that the system keeps a working credential; the error is rethrown for the protocol.
 * Rollback runs at most once; later calls repeat its outcome.
 */
export function twoPhaseHandle(steps: HandleSteps): RotationHandle {
  let revokeStarted = false;
  let rolledBack: Promise<void> | undefined;
  const rollback = async (): Promise<void> => {
    if (revokeStarted && steps.undoRevoke) await steps.undoRevoke();
    await steps.undoCreate();
  };
  return {
    newValue: steps.newValue,
    notes: steps.notes,
    oldStillWorks: steps.oldStillWorks,
    test: steps.test,
    commit: async () => {
      revokeStarted = true;
      await steps.revoke();
    },
    rollback: () => (rolledBack ??= rollback()),
  };
}
