import type { Finding, TimingsSnapshot } from '../engine/index.js';
import { threadTimings } from '../engine/timings.js';
import { decodeText, looksBinary, ObjectSpool, readObjects, threadPool, type GitObject, type GitSpawnOptions } from '../sources/index.js';
import { Lineage } from './blob-lineage.js';
import type { TextLines } from './line-diff.js';
import { farKeywordsOf, sparseText, type FarKeywords, type FocusedText } from './sparse-text.js';
import { pathScanKey, scanText, type TextScanner } from './text-scanner.js';

/** One blob to read and scan, with every path it had in history. */
export interface BlobTask {
  oid: string;
  size: number;
  paths: string[];
  /** History scans: the older version of the file this blob replaced when first committed (src/scan/blob-lineage.ts links the two). */
  base?: string;
  /** A history scan reading the packs: the blob this one is stored as a delta of (src/scan/packed-scan.ts), when it is scanned too. */
  deltaBase?: string;
  /** What scanning it costs, relative to its size (default: its size): a delta of a blob scanned costs little more than its copying. */
  weight?: number;
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
  /** Blobs git could not give: missing from the object store, or corrupt. */
  missing: string[];
  /** With `--timings`, a worker's times for this segment (the main thread merges them). */
  timings?: TimingsSnapshot;
}

/**
 * Reads a list of blobs through one `git cat-file --batch` (in the order given; `started`: one
 * started early) and scans each once per distinct path key, so a renamed file is not scanned twice.
 * `onProgress` is told the blobs and bytes read since its last call. A missing blob, or a
 * corrupt one that stops git mid-stream, is listed in `missing` (git is restarted after it).
 */
export async function scanSegment(
  tasks: readonly BlobTask[],
  scanner: TextScanner,
  git: GitSpawnOptions,
  onProgress?: (blobs: number, bytes: number) => void,
  started?: ObjectSpool,
): Promise<SegmentResult> {
  const result: SegmentResult = { hits: [], scanned: 0, binary: 0, bytes: 0, missing: [] };
  const progress = { blobs: 0, bytes: 0 };
  const timings = threadTimings();
  const lineage = new Lineage(tasks, scanner);
  const far = farKeywordsOf(scanner.ruleSet);
  let from = 0;
  let spool = started;
  while (from < tasks.length) {
    const batch = from === 0 ? tasks : tasks.slice(from);
    let index = 0;
    let waitFrom = timings ? performance.now() : 0;
    const reader = openReader(batch, git, spool);
    spool = undefined;
    try {
      for await (const object of reader.objects) {
        if (timings) timings.addPhase('read', performance.now() - waitFrom);
        scanObject(object, batch[index++] as BlobTask, { scanner, far }, result, lineage);
        object.release?.();
        if (timings) waitFrom = performance.now();
        progress.blobs += 1;
        progress.bytes += object.size;
        if (onProgress && progress.blobs >= 64) {
          onProgress(progress.blobs, progress.bytes);
          progress.blobs = 0;
          progress.bytes = 0;
        }
      }
      break;
    } catch (error) {
      const failed = batch[index];
      if (!failed || !namesObject(error, failed.oid)) throw error;
      result.missing.push(failed.oid);
      lineage.done(failed, { carried: [] }, []);
      from += index + 1;
    } finally {
      reader.close();
    }
  }
  onProgress?.(progress.blobs, progress.bytes);
  return result;
}

/** The objects of a batch: through a spool file (the one started early, or a new one), or, where none can be made, a pipe. */
function openReader(batch: readonly BlobTask[], git: GitSpawnOptions, started: ObjectSpool | undefined) {
  const spool = started ?? ObjectSpool.open(git);
  if (!spool)
    return {
      objects: readObjects(
        batch.map((task) => task.oid),
        { ...git, pool: threadPool },
      ),
      close: () => undefined,
    };
  return { objects: spool.read(batch, { pool: threadPool }), close: () => spool.close() };
}

/** True when git failed on this object (`fatal: unable to stream <oid>`, `loose object <oid> is corrupt`). */
function namesObject(error: unknown, oid: string): boolean {
  return error instanceof Error && error.message.includes(oid);
}

function scanObject(
  object: GitObject,
  task: BlobTask,
  { scanner, far }: { scanner: TextScanner; far: FarKeywords },
  result: SegmentResult,
  lineage: Lineage,
): void {
  if (object.missing || !object.content) {
    result.missing.push(task.oid);
    lineage.done(task, { carried: [] }, []);
    return;
  }
  if (looksBinary(object.content)) {
    result.binary += 1;
    lineage.done(task, { carried: [] }, []);
    return;
  }
  result.scanned += 1;
  result.bytes += object.content.length;
  const timings = threadTimings();
  const diffStarted = timings ? performance.now() : 0;
  const plan = lineage.plan(task, object.content);
  const focused = plan.focus?.length ? sparseText(object.content, plan.lines as TextLines, plan.focus, far, threadPool) : undefined;
  if (timings) timings.addPhase('diff', performance.now() - diffStarted);
  const hit = plan.focus ? scanFocused(task, scanner, focused, plan.carried) : scanBlobText(decodeText(object.content), task, scanner);
  lineage.done(task, plan, hit?.found[0]?.findings ?? []);
  if (hit) result.hits.push(hit);
}

/** A blob scanned on the lines its base did not have (none: nothing to scan), plus the base's findings on the lines it kept; the same for each of its paths. */
function scanFocused(task: BlobTask, scanner: TextScanner, focused: FocusedText | undefined, carried: Finding[]): BlobHit | undefined {
  const path = task.paths[0] as string;
  const found = focused ? scanText(scanner, { text: focused.text, origin: { path } }, focused.focus) : [];
  const findings = [...found, ...carried].sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  if (findings.length === 0) return undefined;
  return {
    oid: task.oid,
    found: task.paths.map((at) => ({ path: at, findings: at === path ? findings : findings.map((f) => ({ ...f, path: at })) })),
  };
}

/** A blob scanned whole, once per distinct path key (the rules that apply to its paths). */
export function scanBlobText(text: string, task: BlobTask, scanner: TextScanner): BlobHit | undefined {
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
