import { Command, CommanderError } from 'commander';
import { EXIT_ERROR } from '../errors.js';
import { reportCliError } from './report-error.js';
import type { CommandContext } from './context.js';
import type { CliIo } from './io.js';
import { commandRegistry } from './commands/index.js';
import { VERSION } from '../version.js';

/** Runs the unleak CLI with the given arguments (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = new Command('unleak')
    .description('Find secrets leaked into git repositories and make them safe again.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);
  for (const register of commandRegistry) register(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_ERROR;
    }
    return reportCliError(error, io);
  }
  return exitCode;
}
