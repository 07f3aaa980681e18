import type { Log, ReportingDescriptor, Result } from 'sarif';
import { pathToFileURL } from 'node:url';
import type { Confidence, Finding, RuleSpec, Severity } from '../engine/index.js';
import type { Reporter } from './scan-result.js';
import { toReportFinding } from './report-finding.js';

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** SARIF `rank` (0-100, how sure the tool is that the result is real) for each confidence. */
const RANK: Record<Confidence, number> = { high: 90, medium: 60, low: 30 };

/** The severity's level, lowered to `note` for a low-confidence guess: code scanning shows it without failing a check on it. */
const levelOf = (finding: Finding): Result.level => ((finding.confidence ?? 'medium') === 'low' ? 'note' : LEVEL[finding.severity]);

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, ch: string) => ch.toUpperCase());
}

function descriptor(rule: RuleSpec): ReportingDescriptor {
  const envName = rule.envName ?? 'SECRET_NAME';
  const help = [
    `${rule.description}`,
    '',
    'To fix: treat the secret as compromised. Rotate it at its provider, then move it out of the code:',
    `\`unleak fix\` stores it encrypted in the repository and replaces it with a reference to \`${envName}\`.`,
    'If it is not a secret, add `unleak:allow` on the line, or record it in a baseline (`unleak baseline create`).',
    `Format reference: ${rule.references[0] ?? ''}`,
  ].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: help, markdown: help },
    ...(rule.references[0] ? { helpUri: rule.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      precision: rule.tags?.includes('generic') ? 'medium' : 'high',
      tags: ['security', 'secret', 'external/cwe/cwe-798', 'CWE-798', ...(rule.tags ?? [])],
    },
  };
}

/**
 * SARIF 2.1.0 for code scanning: one descriptor per rule with results, regions and partial
 * fingerprints (the keyed fingerprint; left out when it is for this run only, so code scanning
 * falls back on its own instead of seeing new alerts on every run).
 */
export const sarifReporter: Reporter = (result, options) => {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const rules = result.rules.filter((rule) => used.has(rule.id)).sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const stableFingerprints = result.fingerprintSalt !== 'one-off';
  const results: Result[] = result.findings.map((finding) => {
    const view = toReportFinding(finding, options.reveal);
    const where = finding.commit ? ` (commit ${finding.commit.slice(0, 12)})` : '';
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? 0,
      level: levelOf(finding),
      rank: RANK[view.confidence],
      message: { text: `${finding.title}: ${view.redacted}${where}. Rotate it, then run \`unleak fix\`.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(finding.path.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
          },
        },
      ],
      ...(stableFingerprints ? { partialFingerprints: { 'unleakFingerprint/v2': view.fingerprint } } : {}),
      properties: {
        validation: view.validation,
        confidence: view.confidence,
        entropy: view.entropy,
        ...(finding.commit ? { commit: finding.commit, author: finding.author, email: finding.email, date: finding.date } : {}),
        ...(finding.verification ? { verification: finding.verification.status, verificationReason: finding.verification.reason } : {}),
        ...(options.reveal ? { secret: finding.secret } : {}),
      },
    };
  });
  const root = pathToFileURL(result.root.endsWith('/') ? result.root : `${result.root}/`).href;
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'unleak',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: 'https://www.npmjs.com/package/unleak',
            rules: rules.map(descriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
