import { hookCommands } from './hook-commands.js';
import type { RegisterCommand } from './registration.js';
import { remediateCommands } from './remediate-commands.js';
import { rotateCommands } from './rotate-commands.js';
import { scanCommands } from './scan-commands.js';
import { storeCommands } from './store-commands.js';
import { verifyCommands } from './verify-commands.js';

/** Every top-level command, in the order `unleak --help` lists them. */
export const commandRegistry: RegisterCommand[] = [
  ...scanCommands,
  ...verifyCommands,
  ...hookCommands,
  ...storeCommands,
  ...remediateCommands,
  ...rotateCommands,
];
