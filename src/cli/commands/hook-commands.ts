import type { RegisterCommand } from './index.js';

/** Commands: hook install, hook uninstall. */
export const hookCommands: RegisterCommand[] = [];
