/**
 * src/action: the GitHub Action (action.yml runs dist/action.js, built from src/action.ts).
 * `runAction(env, io)` reads the inputs and event, plans what to scan (pull request, push,
 * schedule, files), fetches missing history, runs the scan, masks every secret before any other
 * log line, then writes the SARIF file, annotations, the job summary, pull request review
 * comments and the step outputs. Returns 1 for findings (with fail-on-findings) and errors.
 *
 * Imports engine, sources, filters, report, verify and src/scan through its door; never cli (a
 * sibling over scan), fix, rotate or store (eslint.config.js). This file is the room's door.
 */

export { runAction, type ActionIo } from './run-action.js';
export type { Scanner, ScannerOptions } from './scan-runner.js';
export type { ResolvedScan } from './resolve-plan.js';
