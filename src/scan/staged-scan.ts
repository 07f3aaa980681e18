import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import type { Finding } from '../engine/index.js';
import type { ScanResult } from '../report/index.js';
import type { GitObject } from '../sources/cat-file-parser.js';
import type { StagedObjectReader } from '../sources/loose-objects.js';
import { decodeText, looksBinary } from '../sources/decode-text.js';
import type { StagedFile } from '../sources/staged-changes.js';
import { emptyStats, setupPaths, type GitScanOptions } from './git-options.js';
import { byPathAndPosition, cappedNotes, gitScanResult } from './git-result.js';
import { newFindings } from './novelty.js';
import { prepareScanAsync } from './prepare.js';
import type { GitContext } from './git-context.js';
import { startStagedGit, type StagedStart } from './staged-start.js';
import { scanText, type TextScanner } from './text-scanner.js';

function mustHave(object: GitObject, path: string): Buffer | undefined {
  if (object.missing) {
    throw new UnleakError(
      'UNLEAK_UNREADABLE',
      `the staged content of ${path} (blob ${object.oid}) is missing from the object store, so it cannot be scanned`,
      {
        hint: 'The index names an object git does not have (a damaged repository, or `git update-index --cacheinfo` with an object never written): run `git fsck`, then stage the file again (`git add`) or unstage it.',
      },
    );
  }
  return object.content;
}

/*
 * Imports name single files of sources/ rather than its index: the index also loads the
 * working-tree file walker (fast-glob), which a pre-commit hook does not need.
 */

/**
 * `unleak scan --staged`: scans what the next commit will hold (the index, not the working
 * files) and reports the secrets it adds. Paths are relative to the repository top; lines are
 * lines of the staged file. `--full-files` reports every secret of the staged files.
 */
export async function stagedScan(
  pathspecs: string[],
  options: GitScanOptions,
  context: GitContext,
  start?: StagedStart,
): Promise<ScanResult> {
  const started = performance.now();
  const { top: topPromise, listing: listingPromise, reader } = start ?? startStagedGit(pathspecs, context);
  const notes: string[] = [];
  const findings: Finding[] = [];
  try {
    const top = await topPromise;
    const paths = setupPaths(context.cwd, top, options);
    const setup = await prepareScanAsync(top, paths);
    reader.maxContentSize = setup.maxFileSize;
    const stats = emptyStats('staged', setup.rules.length);
    const scanner: TextScanner = { ruleSet: setup.ruleSet, allowlist: setup.allowlist, maxDecodeDepth: setup.config.maxDecodeDepth };
    const listing = await listingPromise;
    const ignored = await unleakIgnore(top);
    const files = listing.files.filter((file) => !setup.allowlist.allowsPath(file.path) && !ignored?.(file.path));
    stats.skippedOther = listing.skipped.filter((s) => s.why === 'submodule' || s.why === 'symlink').length;
    const reads = files.map((file) => reader.read(file.oid));
    for (const read of reads) read.catch(() => undefined);
    for (const [index, file] of files.entries()) {
      const object = await (reads[index] as Promise<GitObject>);
      const bytes = mustHave(object, file.path);
      if (!bytes) {
        stats.skippedTooLarge += 1;
        notes.push(`${file.path}: ${(object.size / 1024 / 1024).toFixed(1)} MB, over the size limit`);
        continue;
      }
      if (looksBinary(bytes)) {
        stats.skippedBinary += 1;
        continue;
      }
      stats.filesScanned += 1;
      stats.bytesScanned += bytes.length;
      const text = decodeText(bytes);
      const found = scanText(scanner, { text, origin: { path: file.path } });
      for (const finding of options.fullFiles ? found : await onlyNew(found, file, text, reader)) findings.push(finding);
    }
    return gitScanResult(setup, findings.sort(byPathAndPosition), stats, cappedNotes(notes), started);
  } finally {
    await reader.close();
  }
}

/**
 * The findings the commit adds: not in HEAD's version of the file (before a rename), nor, when
 * the commit concludes a merge, in the merged branch's version (MERGE_HEAD), which is history already.
 */
async function onlyNew(found: Finding[], file: StagedFile, text: string, reader: StagedObjectReader): Promise<Finding[]> {
  let kept = found;
  if (kept.length && file.oldOid) {
    const old = await reader.read(file.oldOid);
    kept = newFindings(kept, old.content ? decodeText(old.content) : undefined, text);
  }
  if (kept.length && !file.path.includes('\n')) {
    const merged = await reader.read(`MERGE_HEAD:${file.path}`);
    if (merged.content && merged.type === 'blob') kept = newFindings(kept, decodeText(merged.content), text);
  }
  return kept;
}

async function unleakIgnore(top: string): Promise<((path: string) => boolean) | undefined> {
  if (!existsSync(join(top, '.unleakignore'))) return undefined;
  const { readUnleakIgnore } = await import('../sources/list-files.js');
  const ignore = readUnleakIgnore(top);
  return ignore ? (path) => ignore.ignores(path) : undefined;
}
