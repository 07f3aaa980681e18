import type { CliIo } from './io.js';

/**
 * The one contract of a command's handler (`src/cli/<family>/*-handler.ts`): the command's
 * operands in order, then its parsed options, then the io. It resolves to the exit code (0 clean,
 * 1 findings, 2 error; `unleak run` passes its child's code through) or throws an UnleakError.
 * Handlers write only through `io` and load on demand (commands/lazy-action.ts).
 */
export type CommandHandler<Options, Operands extends unknown[] = []> = (...input: [...Operands, Options, CliIo]) => Promise<number>;
