import type { RegisterCommand } from './index.js';

/** Commands: fix, purge, rotate, status. */
export const remediateCommands: RegisterCommand[] = [];
