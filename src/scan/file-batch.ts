import { fileSource } from '../sources/file-source.js';
import type { ListedPath } from '../sources/display-path.js';
import { emptyTally, tallyItem, type FileTally } from './file-tally.js';
import type { TextScanner } from './text-scanner.js';

/** Reads and scans a run of working-tree files, in order: what a worker thread does with a file batch. */
export async function scanFileBatch(
  root: string,
  paths: readonly ListedPath[],
  maxFileSize: number,
  scanner: TextScanner,
): Promise<FileTally> {
  const tally = emptyTally();
  for await (const item of fileSource(root, paths, { maxFileSize })) tallyItem(tally, item, scanner);
  return tally;
}
