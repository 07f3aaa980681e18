/**
 * src/scan: runs a scan from start to end. A request names what to scan (working-tree files, one
 * text, the staged index, a commit range, the whole history) and its settings (config, baseline,
 * size limit, jobs, min-confidence); the room loads config and rules from the scan root, reads
 * the content through src/sources, scans it with src/engine, applies inline allows, the
 * allowlist and the baseline (src/filters), stamps keyed fingerprints, and returns the
 * `ScanResult` that src/report renders. In the repository it writes only `.unleak/fingerprint-salt`
 * (when asked); it prints only progress and `UNLEAK_DEBUG` lines. This file is the room's door:
 *
 *   runScan(request, io)         → ScanResult    the one entry point: the CLI's `scan`, the Action, `purge`
 *   scanWithSetup(request, io)   → { result, setup }   a files scan with its setup: `fix`, `baseline create`
 *   loadScanSetup(root, options) → ScanSetup     config, rules, allowlist, baseline and key, no scan
 *   keepConfident(result, min)                   the `--min-confidence` filter (runScan applies it)
 *   stagedMessage(result, report, { quiet })     what a pre-commit hook prints
 *
 * Nothing here loads the config schema, the YAML parser or the file walker until a scan needs
 * them: `scan --staged` in a pre-commit hook loads this door (test/git/staged-lean-load.test.ts).
 *
 * Imports engine, sources, config, filters and report; never cli, action, fix, rotate, store or
 * verify (eslint.config.js).
 */

export {
  runScan,
  scanWithSetup,
  loadScanSetup,
  type FilesScan,
  type FilesScanRequest,
  type FilesTarget,
  type ScanIo,
  type ScanRequest,
  type ScanSettings,
  type ScanTarget,
} from './run-scan.js';
export type { GitContext } from './git-context.js';
export type { ScanSetup, SetupOptions } from './prepare.js';
export { DEFAULT_BASELINE } from './git-options.js';
export { CONFIDENCE_LEVELS, DEFAULT_MIN_CONFIDENCE, keepConfident } from './min-confidence.js';
export { stagedMessage } from './staged-message.js';
