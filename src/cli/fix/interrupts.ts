import { UnleakError } from '../../errors.js';

/**
 * Ctrl-C (SIGINT) and SIGTERM while armed: instead of killing unleak they abort the apply, which
 * then rolls back. Armed before the plan is printed with --yes, after the confirmation otherwise.
 */
export class Interrupts {
  readonly controller = new AbortController();
  private armed = false;
  private readonly abort = () => this.controller.abort();

  /** Starts catching the signals. */
  arm(): void {
    if (this.armed) return;
    this.armed = true;
    process.on('SIGINT', this.abort);
    process.on('SIGTERM', this.abort);
  }

  /** Stops catching them (the default action, exit, applies again). */
  disarm(): void {
    process.off('SIGINT', this.abort);
    process.off('SIGTERM', this.abort);
    this.armed = false;
  }

  /** Throws UNLEAK_FIX_INTERRUPTED when a signal came before anything was written. */
  throwIfInterrupted(): void {
    if (this.controller.signal.aborted) throw new UnleakError('UNLEAK_FIX_INTERRUPTED', 'interrupted before anything was written');
  }
}
