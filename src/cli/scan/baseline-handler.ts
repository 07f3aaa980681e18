import { resolve } from 'node:path';
import type { BaselineFile } from '../../filters/index.js';
import { toReportFinding } from '../../report/index.js';
import { collectFindings } from '../../scan/collect.js';
import { prepareScan } from '../../scan/prepare.js';
import { resolveTarget, workingTreeItems } from '../../scan/working-tree.js';
import type { CliIo } from '../io.js';
import { writeFileAtomic } from '../write-output.js';

/** `unleak baseline create`: records today's findings (fingerprints, no secrets) and exits 0. */
export async function baselineCreateHandler(paths: string[], options: { output: string; config?: string; git: boolean }, io: CliIo): Promise<number> {
  const target = resolveTarget(io.cwd, paths);
  const setup = prepareScan(target.root, { config: options.config ? resolve(io.cwd, options.config) : undefined });
  const items = await workingTreeItems(target, { noGit: !options.git, maxFileSize: setup.maxFileSize, env: io.env });
  const result = await collectFindings(setup, items, 'files');
  const baseline: BaselineFile = {
    version: 1,
    kind: 'unleak-baseline',
    createdAt: new Date().toISOString(),
    findings: result.findings.map((finding) => {
      const view = toReportFinding(finding);
      return { fingerprint: view.fingerprint, ruleId: view.ruleId, path: view.path, redacted: view.redacted };
    }),
  };
  writeFileAtomic(resolve(io.cwd, options.output), `${JSON.stringify(baseline, null, 2)}\n`);
  io.stderr(`unleak: baseline with ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} written to ${options.output}\n`);
  return 0;
}
