import type { Finding } from '../engine/index.js';
import { decodeText, looksBinary, readObjects, type GitSpawnOptions } from '../sources/index.js';
import { pathScanKey, scanText, type TextScanner } from './text-scanner.js';

/** One blob to read and scan, with every path it had in history. */
export interface BlobTask {
  oid: string;
  size: number;
  paths: string[];
}

/** The findings of one blob, per path it had. */
export interface BlobHit {
  oid: string;
  found: { path: string; findings: Finding[] }[];
}

/** What scanning one segment of blobs gave. */
export interface SegmentResult {
  hits: BlobHit[];
  scanned: number;
  binary: number;
  bytes: number;
  missing: string[];
}

/**
 * Reads a list of blobs through one `git cat-file --batch` (in the order given: pack order) and
 * scans each once per distinct path key, so a renamed file is not scanned twice.
 * `onProgress` is told the blobs and bytes read since its last call.
 */
export async function scanSegment(tasks: readonly BlobTask[], scanner: TextScanner, git: GitSpawnOptions, onProgress?: (blobs: number, bytes: number) => void): Promise<SegmentResult> {
  const result: SegmentResult = { hits: [], scanned: 0, binary: 0, bytes: 0, missing: [] };
  let index = 0;
  let sinceBlobs = 0;
  let sinceBytes = 0;
  for await (const object of readObjects(tasks.map((task) => task.oid), git)) {
    const task = tasks[index++] as BlobTask;
    sinceBlobs += 1;
    sinceBytes += object.size;
    if (onProgress && sinceBlobs >= 64) {
      onProgress(sinceBlobs, sinceBytes);
      sinceBlobs = 0;
      sinceBytes = 0;
    }
    if (object.missing || !object.content) {
      result.missing.push(task.oid);
      continue;
    }
    if (looksBinary(object.content)) {
      result.binary += 1;
      continue;
    }
    result.scanned += 1;
    result.bytes += object.content.length;
    const hit = scanBlobText(decodeText(object.content), task, scanner);
    if (hit) result.hits.push(hit);
  }
  onProgress?.(sinceBlobs, sinceBytes);
  return result;
}

function scanBlobText(text: string, task: BlobTask, scanner: TextScanner): BlobHit | undefined {
  const done = new Map<string, Finding[]>();
  const found: BlobHit['found'] = [];
  for (const path of task.paths) {
    const key = task.paths.length === 1 ? '' : pathScanKey(scanner, path);
    let findings = done.get(key);
    if (!findings) {
      findings = scanText(scanner, { text, origin: { path } });
      done.set(key, findings);
    }
    if (findings.length) found.push({ path, findings: findings.map((f) => (f.path === path ? f : { ...f, path })) });
  }
  return found.length ? { oid: task.oid, found } : undefined;
}
