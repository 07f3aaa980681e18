export { runAction, type ActionIo } from './run-action.js';
export type { Scanner, ScannerOptions } from './scan-runner.js';
export type { ScanRequest } from './resolve-plan.js';
