import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

/** Adds one command (and its subcommands) to the program. Handlers load lazily (lazy-action.ts). */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;
