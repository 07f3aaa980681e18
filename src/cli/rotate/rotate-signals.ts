import { setTimeout as sleep } from 'node:timers/promises';
import type { RotationCheckpoint } from '../../rotate/index.js';
import type { CliIo } from '../io.js';

/**
 * SIGINT and SIGTERM during `unleak rotate`: instead of killing unleak between a provider change
 * and the store write, they ask the rotation to stop at its next safe point (see protocol.ts). A
 * second signal only repeats the message; a third quits at once (exit 130) for a step that hangs:
 * the pending value saved before the provider change lets `rotate --finish` recover even then.
 *
 * Test hook: with NODE_ENV=test, UNLEAK_TEST_PAUSE_AT=<checkpoint> pauses the rotation there
 * (printing "unleak: test pause at <checkpoint>" on stderr) until a stop is requested, so that a
 * test can kill or signal the process at an exact step. Ignored outside tests.
 */
export class RotationSignals {
  private stop = false;
  private count = 0;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.count += 1;
    this.stop = true;
    if (this.count === 1)
      this.io.stderr(`unleak: ${signal}: stopping after the current step (the store and the provider are kept in agreement)\n`);
    else if (this.count === 2)
      this.io.stderr(`unleak: ${signal} again: still finishing the current step (once more to quit at once; then run: unleak status)\n`);
    else {
      this.io.stderr('unleak: quitting now: run `unleak status`, then `unleak rotate --finish` for any entry it shows as pending\n');
      process.exit(130);
    }
  };

  constructor(private readonly io: CliIo) {}

  /** Starts catching the signals. */
  arm(): void {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** Stops catching them. */
  disarm(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  /** True once a signal arrived. */
  readonly stopRequested = (): boolean => this.stop;

  /** The test pause (see above); nothing outside tests. */
  readonly checkpoint = async (step: RotationCheckpoint): Promise<void> => {
    if (this.io.env.NODE_ENV !== 'test' || this.io.env.UNLEAK_TEST_PAUSE_AT !== step) return;
    this.io.stderr(`unleak: test pause at ${step}\n`);
    while (!this.stop) await sleep(25);
  };
}
