import type { Command } from 'commander';
import type { CommandHandler } from '../command-handler.js';
import type { CommandContext } from '../context.js';

/**
 * A commander action that loads its handler only when the command runs (so `scan --staged` never
 * loads crypto or database code), calls it with the command's operands, options and io, and
 * records the exit code it returns. `load` must hold a literal `import('…')` so the bundler splits
 * the handler into its own chunk.
 */
export function lazyAction<Options, Operands extends unknown[] = []>(
  ctx: CommandContext,
  load: () => Promise<CommandHandler<Options, Operands>>,
): (...input: [...Operands, Options, Command]) => Promise<void> {
  return async (...input) => {
    const handler = await load();
    const operandsAndOptions = input.slice(0, -1) as [...Operands, Options];
    ctx.setExitCode(await handler(...operandsAndOptions, ctx.io));
  };
}
