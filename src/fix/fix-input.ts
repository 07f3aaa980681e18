import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import ignore from 'ignore';
import * as z from 'zod';
import type { Finding, RuleSpec } from '../engine/index.js';
import { UnleakError } from '../errors.js';
import { isLegacyFingerprint, legacyFingerprint, secretSha256, type Fingerprinter } from '../filters/index.js';
import { loadScanSetup, scanWithSetup, type ScanSetup } from '../scan/index.js';
import { offsetOf } from './text-edits.js';
import type { FixFinding, TreeFile } from './types.js';

/**
 * Where a fix's findings come from: a fresh scan of the working tree, or a JSON report. A report
 * holds no raw secrets, so each value is read again at the reported position and used only when
 * it matches the report's fingerprint (or `secretSha256`, in a report written with `--reveal`).
 */

/** Findings with their values, and notes on report findings that could not be used. */
export interface FixInput {
  findings: FixFinding[];
  notes: string[];
  setup: ScanSetup;
}

function fromEngine(finding: Finding, rules: ReadonlyMap<string, RuleSpec>, fingerprints: Fingerprinter): FixFinding {
  const rule = rules.get(finding.ruleId);
  return {
    ruleId: finding.ruleId,
    title: finding.title,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    start: finding.start,
    end: finding.end,
    secret: finding.secret,
    fingerprint: finding.fingerprint ?? fingerprints.of(finding),
    ...(rule?.envName ? { envName: rule.envName } : {}),
    ...(rule?.provider ? { provider: rule.provider } : {}),
    ...(finding.decodedFrom ? { decodedFrom: finding.decodedFrom } : {}),
  };
}

const ruleMap = (setup: ScanSetup) => new Map(setup.rules.map((rule) => [rule.id, rule]));

/**
 * Scans the working tree under `root` as `unleak scan` at `root` does (src/scan's runScan): config,
 * allowlist, inline allows, and the baseline (`baseline`, else `.unleak-baseline.json` at `root`
 * when present), so a baselined finding is not fixed. `config` and `baseline` are absolute or relative to `root`.
 */
export async function scanWorkingTree(
  root: string,
  options: { config?: string; baseline?: string; noGit?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<FixInput> {
  const request = { kind: 'files' as const, noGit: Boolean(options.noGit), config: options.config, baseline: options.baseline };
  const { result, setup } = await scanWithSetup(request, { cwd: root, env: options.env ?? process.env });
  const rules = ruleMap(setup);
  return { findings: result.findings.map((finding) => fromEngine(finding, rules, setup.fingerprints)), notes: result.notes, setup };
}

const reportSchema = z.object({
  version: z.literal(1),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string().default(''),
      path: z.string(),
      line: z.number().int().positive(),
      column: z.number().int().positive(),
      endLine: z.number().int().positive(),
      endColumn: z.number().int().positive(),
      secretSha256: z.string().optional(),
      fingerprint: z.string(),
      redacted: z.string().default('…'),
      secret: z.string().optional(),
      commit: z.string().optional(),
    }),
  ),
});

/** Reads a JSON report and re-reads each value from the working tree under `root`. */
export async function readReport(
  file: string,
  cwd: string,
  root: string,
  options: { config?: string; readText?: (path: string, commit?: string) => Promise<string | undefined> } = {},
): Promise<FixInput> {
  let parsed: z.infer<typeof reportSchema>;
  try {
    parsed = reportSchema.parse(JSON.parse(await readFile(resolve(cwd, file), 'utf8')));
  } catch (error) {
    throw new UnleakError(
      'UNLEAK_REPORT_INVALID',
      `${file} is not an unleak JSON report (version 1): ${(error as Error).message.split('\n')[0]}`,
      { cause: error, hint: 'Write one with `unleak scan --format json -o FILE`.' },
    );
  }
  const setup = await loadScanSetup(root, { config: options.config });
  const rules = ruleMap(setup);
  const findings: FixFinding[] = [];
  const notes: string[] = [];
  for (const item of parsed.findings) {
    const path = relative(root, resolve(cwd, item.path)).split('\\').join('/');
    const where = `${item.path}:${item.line} (${item.ruleId}, ${item.redacted})`;
    const raw = (await options.readText?.(path, item.commit)) ?? (await readFile(join(root, path), 'utf8').catch(() => undefined));
    if (raw === undefined) {
      notes.push(`${where}: the file is not in the working tree; skipped`);
      continue;
    }
    const text = raw.replace(/^\uFEFF/, '');
    const start = offsetOf(text, item.line, item.column);
    const end = offsetOf(text, item.endLine, item.endColumn);
    const atPosition = start !== undefined && end !== undefined ? text.slice(start, end) : undefined;
    const matches = (candidate: string) => reportedValueMatches(item, candidate, setup.fingerprints);
    const value =
      atPosition !== undefined && matches(atPosition)
        ? atPosition
        : item.secret !== undefined && matches(item.secret)
          ? item.secret
          : undefined;
    if (value === undefined) {
      notes.push(
        `${where}: the text at the reported position does not match the report's ${item.secretSha256 ? 'secretSha256' : 'fingerprint'}${item.commit ? ' (a history finding: only working-tree findings can be fixed)' : ''}; skipped, re-run \`unleak scan\``,
      );
      continue;
    }
    const at = atPosition === value ? (start as number) : text.indexOf(value);
    const rule = rules.get(item.ruleId);
    findings.push({
      ruleId: item.ruleId,
      title: item.title || rule?.title || item.ruleId,
      path,
      line: item.line,
      column: item.column,
      start: at,
      end: at + value.length,
      secret: value,
      fingerprint: item.fingerprint,
      ...(rule?.envName ? { envName: rule.envName } : {}),
      ...(rule?.provider ? { provider: rule.provider } : {}),
    });
  }
  return { findings, notes, setup };
}

/**
 * True when `value` is the secret a report finding names: by its `secretSha256` (reports written
 * with `--reveal`), else by its fingerprint, recomputed with this repository's salt (or in the
 * legacy unkeyed form of older reports).
 */
function reportedValueMatches(
  item: { ruleId: string; path: string; fingerprint: string; secretSha256?: string },
  value: string,
  fingerprints: Fingerprinter,
): boolean {
  if (item.secretSha256 !== undefined) return secretSha256(value) === item.secretSha256;
  const finding = { ruleId: item.ruleId, path: item.path, secret: value };
  return isLegacyFingerprint(item.fingerprint)
    ? legacyFingerprint(finding.ruleId, finding.path, value) === item.fingerprint
    : fingerprints.of(finding) === item.fingerprint;
}

/** `--rule`, `--path` (gitignore patterns) and `--fingerprint` filters; an empty list keeps everything. */
export function filterFindings(
  findings: FixFinding[],
  filters: { rule?: string[]; path?: string[]; fingerprint?: string[] },
): FixFinding[] {
  const rules = new Set(
    (filters.rule ?? [])
      .flatMap((r) => r.split(','))
      .map((r) => r.trim())
      .filter(Boolean),
  );
  const fingerprints = new Set(filters.fingerprint ?? []);
  const paths = filters.path?.length ? ignore().add(filters.path) : undefined;
  return findings.filter(
    (f) =>
      (rules.size === 0 || rules.has(f.ruleId)) &&
      (fingerprints.size === 0 || fingerprints.has(f.fingerprint)) &&
      (!paths || paths.ignores(f.path)),
  );
}

/** Shifts findings in files that start with a byte-order mark: the scanner's offsets skip it, the tree's texts keep it. */
export function alignToTree(findings: FixFinding[], files: TreeFile[]): FixFinding[] {
  const withBom = new Set(files.filter((file) => file.text.startsWith('\uFEFF')).map((file) => file.path));
  return findings.map((f) => (withBom.has(f.path) ? { ...f, start: f.start + 1, end: f.end + 1 } : f));
}
