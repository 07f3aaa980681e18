import type { CliIo } from './io.js';

/** What every command registration receives: the io for its handler and a way to record the exit code. */
export interface CommandContext {
  io: CliIo;
  /** Sets the process exit code (0 clean, 1 findings, 2 error); the highest code set wins. */
  setExitCode: (code: number) => void;
}
