/**
 * src/report: rendering. `reporters` maps each `--format` name (text, json, sarif) to a pure
 * `Reporter: (ScanResult, ReportOptions) → string`; `toReportFinding` is the JSON contract of a
 * finding (raw secret only with `--reveal`); `redact` and `snippetMasker` keep secrets out of
 * every line shown. Reporters write nothing: the CLI and the Action do.
 *
 * Imports src/engine and src/filters (fingerprints) only; never cli, sources, store, fix,
 * rotate, action, scan or verify (eslint.config.js). This file is the room's door.
 */

import type { Reporter } from './scan-result.js';
import { jsonReporter } from './json-reporter.js';
import { sarifReporter } from './sarif-reporter.js';
import { textReporter } from './text-reporter.js';

/** Every report format by the name `--format` takes. */
export const reporters = { text: textReporter, json: jsonReporter, sarif: sarifReporter } satisfies Record<string, Reporter>;

/** A name `--format` accepts. */
export type ReportFormat = keyof typeof reporters;

export type { Reporter, ScanResult, ReportOptions } from './scan-result.js';
export { toReportFinding, type ReportFinding, type ScanStats } from './report-finding.js';
export { redact, secretScrubber } from './redact.js';
export { maskedSnippet, snippetMasker, type SecretSpan } from './masked-snippet.js';
