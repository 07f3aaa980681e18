import type { Reporter } from './scan-result.js';
import { toReportFinding } from './report-finding.js';

/** The JSON report: `{ version: 1, tool, findings, stats }` (DESIGN.md §3, README "JSON report"). */
export const jsonReporter: Reporter = (result, options) =>
  `${JSON.stringify(
    {
      version: 1,
      tool: { name: 'unleak', version: options.toolVersion },
      findings: result.findings.map((finding) => toReportFinding(finding, options.reveal)),
      stats: result.stats,
    },
    null,
    2,
  )}\n`;
