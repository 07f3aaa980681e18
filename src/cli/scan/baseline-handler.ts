import { resolve } from 'node:path';
import { UnleakError } from '../../errors.js';
import type { Finding } from '../../engine/index.js';
import { legacyFingerprint, readBaseline, type BaselineEntry, type BaselineFile } from '../../filters/index.js';
import { writeFileAtomicSync } from '../../fsutil/index.js';
import { toReportFinding } from '../../report/index.js';
import { DEFAULT_BASELINE, scanWithSetup, type ScanSetup } from '../../scan/index.js';
import type { CliIo } from '../io.js';

/** Options of `unleak baseline create` and `unleak baseline migrate`. */
export interface BaselineCliOptions {
  output?: string;
  baseline?: string;
  config?: string;
  git: boolean;
}

const DEFAULT_FILE = DEFAULT_BASELINE;

/** Scans the working tree with every finding kept (no baseline), the salt made when the root has none. */
async function scanForBaseline(
  paths: string[],
  options: BaselineCliOptions,
  io: CliIo,
): Promise<{ setup: ScanSetup; findings: Finding[] }> {
  const { result, setup } = await scanWithSetup(
    { kind: 'files', paths, noGit: !options.git, config: options.config, baseline: false, createSalt: true },
    io,
  );
  setup.fingerprints.keyId();
  if (setup.fingerprints.source === 'one-off') {
    throw new UnleakError(
      'UNLEAK_FINGERPRINT_SALT_UNWRITABLE',
      `cannot write .unleak/fingerprint-salt in ${result.root}: a baseline needs the repository's fingerprint salt`,
      { hint: 'Run `unleak baseline create` in a writable checkout and commit .unleak/fingerprint-salt with the baseline.' },
    );
  }
  if (setup.fingerprints.source === 'created')
    io.stderr('unleak: created .unleak/fingerprint-salt (the key of the fingerprints): commit it with the baseline\n');
  return { setup, findings: result.findings };
}

function entryOf(finding: Finding): BaselineEntry {
  const view = toReportFinding(finding);
  return { fingerprint: view.fingerprint, ruleId: view.ruleId, path: view.path, redacted: view.redacted };
}

function writeBaseline(file: string, setup: ScanSetup, entries: BaselineEntry[], io: CliIo): void {
  const baseline: BaselineFile = {
    version: 1,
    kind: 'unleak-baseline',
    createdAt: new Date().toISOString(),
    fingerprintKey: setup.fingerprints.keyId(),
    findings: entries,
  };
  writeFileAtomicSync(resolve(io.cwd, file), `${JSON.stringify(baseline, null, 2)}\n`);
}

/** `unleak baseline create`: records today's findings (keyed fingerprints, no secrets) and exits 0. */
export async function baselineCreateHandler(paths: string[], options: BaselineCliOptions, io: CliIo): Promise<number> {
  const output = options.output ?? DEFAULT_FILE;
  const { setup, findings } = await scanForBaseline(paths, options, io);
  writeBaseline(output, setup, findings.map(entryOf), io);
  io.stderr(`unleak: baseline with ${findings.length} finding${findings.length === 1 ? '' : 's'} written to ${output}\n`);
  return 0;
}

/**
 * `unleak baseline migrate`: rewrites the legacy (unkeyed) entries of a baseline in the keyed
 * form, for every finding of today's working tree they match. Entries already keyed stay;
 * legacy entries that match nothing in the working tree (secrets only in history) stay too,
 * and scans keep matching them by recomputing the legacy form.
 */
export async function baselineMigrateHandler(paths: string[], options: BaselineCliOptions, io: CliIo): Promise<number> {
  const input = options.baseline ?? DEFAULT_FILE;
  const output = options.output ?? input;
  const old = readBaseline(resolve(io.cwd, input));
  const { setup, findings } = await scanForBaseline(paths, options, io);
  const migrated = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    const legacy = legacyFingerprint(finding.ruleId, finding.path, finding.secret);
    if (old.legacy.has(legacy) && !migrated.has(legacy)) migrated.set(legacy, entryOf(finding));
  }
  const entries: BaselineEntry[] = [];
  for (const entry of old.entries) {
    const replacement = migrated.get(entry.fingerprint);
    entries.push(replacement ?? entry);
  }
  writeBaseline(output, setup, entries, io);
  const left = old.legacy.size - migrated.size;
  io.stderr(
    `unleak: ${migrated.size} baseline entr${migrated.size === 1 ? 'y' : 'ies'} migrated to keyed fingerprints in ${output}${left ? `; ${left} not found in the working tree kept in the old form (still matched)` : ''}\n`,
  );
  return 0;
}
