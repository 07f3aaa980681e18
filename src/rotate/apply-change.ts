import { UnleakError } from '../errors.js';
import { describeCause, providerFailed, uncertainCreate } from './rotation-errors.js';

/** How a password provider applies its "create" change safely. */
export interface ChangeSteps {
  provider: string;
  /** What the change is, for messages: "ALTER ROLE app". */
  what: string;
  /** The value the store will hold if the change went through. */
  newValue: string;
  apply: () => Promise<void>;
  /** Puts the old credential back. */
  undo: () => Promise<void>;
  /** True when the error is the server's own answer (the change was not applied), false for a lost connection. */
  refusedByServer: (error: unknown) => boolean;
}

/**
 * Applies a change whose outcome a dropped connection can hide. Our own errors (no admin URL, cannot
 * connect, an HTTP error status) and a refusal by the server are plain failures (nothing changed). Any other failure may have applied the change: the old credential is
 * put back, and if even that fails, an uncertainCreate error hands the new value to the protocol.
 */
export async function applyChange(steps: ChangeSteps): Promise<void> {
  try {
    await steps.apply();
  } catch (error) {
    if (error instanceof UnleakError && error.code !== 'UNLEAK_ROTATION_NETWORK') throw error;
    if (steps.refusedByServer(error))
      throw providerFailed(steps.provider, `${steps.what} was refused: ${describeCause(error)}`, { cause: error });
    try {
      await steps.undo();
    } catch (undoError) {
      throw uncertainCreate(
        steps.provider,
        `${steps.what}: ${describeCause(error)}; putting the old credential back failed too: ${describeCause(undoError)}`,
        steps.newValue,
        error,
      );
    }
    throw providerFailed(steps.provider, `${steps.what} failed (the old credential was put back): ${describeCause(error)}`, {
      cause: error,
    });
  }
}
