import type { RegisterCommand } from './index.js';

/** Commands: keys, store, secrets, run, render, audit. */
export const storeCommands: RegisterCommand[] = [];
