import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceItem } from './source.js';
import { decodeText, looksBinary } from './decode-text.js';

/** Options of a working-tree scan source. */
export interface FileSourceOptions {
  maxFileSize: number;
  /** How many files are read ahead while earlier ones are scanned. */
  readAhead?: number;
}

async function readOne(root: string, path: string, maxFileSize: number): Promise<SourceItem> {
  const full = join(root, path);
  try {
    const info = await lstat(full);
    if (info.isSymbolicLink()) return { kind: 'skip', path, reason: 'other', note: `${path}: symbolic link not followed` };
    if (!info.isFile()) return { kind: 'skip', path, reason: 'other', note: `${path}: not a regular file` };
    if (info.size > maxFileSize) return { kind: 'skip', path, reason: 'too-large', note: `${path}: ${(info.size / 1024 / 1024).toFixed(1)} MB, over the size limit` };
    const bytes = await readFile(full);
    if (looksBinary(bytes)) return { kind: 'skip', path, reason: 'binary' };
    return { kind: 'chunk', chunk: { text: decodeText(bytes), origin: { path } }, bytes: bytes.length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'skip', path, reason: 'unreadable', note: `${path}: cannot read (${code})` };
  }
}

/** Yields each file as a chunk (or a skip), in the given order, reading a few files ahead. */
export async function* fileSource(root: string, paths: string[], options: FileSourceOptions): AsyncGenerator<SourceItem> {
  const window = Math.max(1, options.readAhead ?? 16);
  const pending: Promise<SourceItem>[] = [];
  let next = 0;
  while (next < paths.length || pending.length) {
    while (next < paths.length && pending.length < window) pending.push(readOne(root, paths[next++] as string, options.maxFileSize));
    yield await (pending.shift() as Promise<SourceItem>);
  }
}
