import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { ListedPath } from './display-path.js';
import type { SourceItem } from './source.js';
import { decodeText, looksBinary } from './decode-text.js';

/** Options of a working-tree scan source. */
export interface FileSourceOptions {
  maxFileSize: number;
}

/** Regular files only: a symlink fails with ELOOP, and a FIFO opens without blocking and is skipped. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function readWhole(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const read = readSync(fd, bytes, filled, size - filled, null);
    if (read === 0) break;
    filled += read;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

/**
 * Reads one file: open (no symlinks), fstat, read, close. Synchronous on purpose: the files come
 * from the page cache and the scan is CPU-bound, so promise round trips only add time.
 */
function readOne(root: string, file: ListedPath, maxFileSize: number): SourceItem {
  const { path } = file;
  let fd: number;
  try {
    fd = openSync(file.raw ? Buffer.concat([Buffer.from(`${root}${sep}`), file.raw]) : join(root, path), OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ELOOP') return { kind: 'skip', path, reason: 'other', note: `${path}: symbolic link not followed` };
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'skip', path, reason: 'other', note: `${path}: no longer in the work tree` };
    return { kind: 'skip', path, reason: 'unreadable', note: `${path}: cannot read (${code})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'skip', path, reason: 'other', note: `${path}: not a regular file` };
    if (info.size > maxFileSize)
      return { kind: 'skip', path, reason: 'too-large', note: `${path}: ${(info.size / 1024 / 1024).toFixed(1)} MB, over the size limit` };
    const bytes = readWhole(fd, info.size);
    if (looksBinary(bytes)) return { kind: 'skip', path, reason: 'binary' };
    return { kind: 'chunk', chunk: { text: decodeText(bytes), origin: { path } }, bytes: bytes.length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'skip', path, reason: 'unreadable', note: `${path}: cannot read (${code})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Yields each file as a chunk (or a skip), in the given order. A file that cannot be opened or
 * read is a skip with reason `unreadable`; one that is gone (a tracked file deleted from the
 * work tree) a skip with reason `other`.
 */
export async function* fileSource(
  root: string,
  paths: readonly (string | ListedPath)[],
  options: FileSourceOptions,
): AsyncGenerator<SourceItem> {
  for (const path of paths) yield readOne(root, typeof path === 'string' ? { path } : path, options.maxFileSize);
}
