import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { scanCommands } from './scan-commands.js';
import { storeCommands } from './store-commands.js';
import { remediateCommands } from './remediate-commands.js';
import { hookCommands } from './hook-commands.js';

/** Adds one command (and its subcommands) to the program. Handlers load lazily with `await import()`. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/** Every top-level command, in the order `unleak --help` lists them. */
export const commandRegistry: RegisterCommand[] = [...scanCommands, ...hookCommands, ...storeCommands, ...remediateCommands];
