import type { Finding } from '../engine/index.js';
import { threadTimings } from '../engine/timings.js';
import { decodeText, looksBinary, PackObjects, threadPool, type GitSpawnOptions, type PackedBlob } from '../sources/index.js';
import { scanBlobText, scanSegment, type BlobHit, type BlobTask, type SegmentResult } from './blob-scan.js';
import type { ObjectSpool } from '../sources/index.js';
import { deltaText, freshLines, joinSpan, NewlineIndex, unseenLines, type DeltaText } from './delta-text.js';
import { hashLines, releaseLines, type TextLines } from './line-diff.js';
import { LINE_SET_BUDGET, LineHashSet } from './line-hash-set.js';
import { farKeywordsOf, sparseText } from './sparse-text.js';
import { pathScanKey, sameRules, scanText, type TextScanner } from './text-scanner.js';

/** Where a packed segment's blobs are read from: the object store's folder and its ids' size in bytes. */
export interface PackedSource {
  objectsDir: string;
  idBytes: number;
}

/** A finding of a scanned blob, with the bytes of its lines there [from, to): what a blob built from this one carries over. */
interface HeldFinding {
  finding: Finding;
  from: number;
  to: number;
}

/** Blobs read between two turns of the event loop (a worker's messages, the progress bar). */
const BLOBS_PER_TURN = 64;

/**
 * Scans a segment of blobs read from the packs (src/sources/pack-objects.ts), in the order given
 * (pack order: a delta's base comes first). A blob stored as a delta of a blob scanned here under
 * the same rules is scanned only around its fresh bytes (src/scan/delta-text.ts), on the lines of
 * those the segment has not scanned yet, and the base's findings on the runs it copied whole are
 * carried over; any other blob (a whole object, a delta of a blob not scanned here: binary,
 * another path's rules, another segment) on the lines the segment has not scanned (all of them
 * for a file's first version). A line with a finding is never taken as scanned. So every line of
 * every blob is scanned once and each blob holds all its findings, as in a scan of every blob
 * whole. Where the packs can no longer be opened (repacked meanwhile), the segment is read
 * through git (scanSegment).
 */
export async function scanPackedSegment(
  tasks: readonly BlobTask[],
  scanner: TextScanner,
  source: PackedSource,
  git: GitSpawnOptions,
  onProgress?: (blobs: number, bytes: number) => void,
): Promise<SegmentResult> {
  const result: SegmentResult = { hits: [], scanned: 0, binary: 0, bytes: 0, missing: [] };
  const packs = PackObjects.open(source.objectsDir, source.idBytes, threadPool);
  if (!packs) return scanSegment(tasks, scanner, git, onProgress);
  const timings = threadTimings();
  const far = farKeywordsOf(scanner.ruleSet);
  const indexOf = new Map(tasks.map((task, i) => [task.oid, i]));
  packs.expect(tasks.map((task) => task.oid));
  /** For each task: scanned as text here. */
  const scanned = new Uint8Array(tasks.length);
  const held = new Map<number, HeldFinding[]>();
  const keys = new Map<string, string>();
  const keyOf = (path: string) => keys.get(path) ?? (keys.set(path, pathScanKey(scanner, path)), keys.get(path) as string);
  const seenByKey = new Map<string, LineHashSet>();
  const budget = { lines: LINE_SET_BUDGET };
  const seen = (task: BlobTask): LineHashSet | undefined => {
    const key = keyOf(task.paths[0] as string);
    if (key === 'allowlisted' || task.paths.some((path) => keyOf(path) !== key)) return undefined;
    let set = seenByKey.get(key);
    if (!set) seenByKey.set(key, (set = new LineHashSet(budget)));
    return set;
  };
  let progress = 0;
  let progressBytes = 0;
  try {
    for (let i = 0; i < tasks.length; i++) {
      const task = tasks[i] as BlobTask;
      const readStarted = timings ? performance.now() : 0;
      // Its delta's base (linked by the history scan, src/scan/history-scan.ts), when scanned here as text under the same rules.
      const baseIndex = task.deltaBase === undefined ? undefined : indexOf.get(task.deltaBase);
      const base =
        baseIndex !== undefined && scanned[baseIndex] && sameRules(keyOf, task.paths, (tasks[baseIndex] as BlobTask).paths)
          ? baseIndex
          : undefined;
      let blob: PackedBlob | undefined;
      try {
        blob = packs.read(task.oid, base !== undefined && held.has(base));
      } catch (error) {
        if (!(error instanceof Error) || !('code' in error) || error.code !== 'UNLEAK_GIT_FAILED') throw error;
        blob = undefined;
      }
      if (timings) timings.addPhase('read', performance.now() - readStarted);
      if (!blob) {
        result.missing.push(task.oid);
        continue;
      }
      try {
        scanBlob(task, i, blob, base, { scanner, far, scanned, held, result, seen });
      } finally {
        blob.release();
      }
      progress += 1;
      progressBytes += blob.content.length;
      if (progress >= BLOBS_PER_TURN) {
        onProgress?.(progress, progressBytes);
        progress = 0;
        progressBytes = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    packs.close();
  }
  onProgress?.(progress, progressBytes);
  return result;
}

interface SegmentState {
  scanner: TextScanner;
  far: ReturnType<typeof farKeywordsOf>;
  scanned: Uint8Array;
  held: Map<number, HeldFinding[]>;
  result: SegmentResult;
  /** The lines scanned here without a finding on them, by the key of the rules that ran (pathScanKey); undefined for a blob whose paths differ in rules. */
  seen: (task: BlobTask) => LineHashSet | undefined;
}

function scanBlob(task: BlobTask, index: number, blob: PackedBlob, base: number | undefined, state: SegmentState): void {
  const { content } = blob;
  const { result } = state;
  if (looksBinary(content)) {
    result.binary += 1;
    return;
  }
  result.scanned += 1;
  result.bytes += content.length;
  state.scanned[index] = 1;
  const seen = state.seen(task);
  if (!seen && !(base !== undefined && blob.delta)) {
    // Paths under different rules: each path key scanned whole, as a cat-file read blob is.
    const hit: BlobHit | undefined = scanBlobText(decodeText(content), task, state.scanner);
    if (hit) result.hits.push(hit);
    const findings = hit?.found.find((found) => found.path === task.paths[0])?.findings ?? [];
    const lines = new NewlineIndex(content);
    const holding = findings.map((finding) => ({ finding, from: lines.startOf(finding.line), to: lines.endOf(finding.endLine) }));
    if (holding.length) state.held.set(index, holding);
    return;
  }
  const holding =
    base !== undefined && blob.delta
      ? scanDelta(task, content, blob.delta, state.held.get(base) ?? [], seen, state)
      : scanWhole(task, content, seen as LineHashSet, state);
  if (holding.length) state.held.set(index, holding);
  if (holding.length === 0) return;
  const path = task.paths[0] as string;
  const findings = holding.map(({ finding }) => finding);
  result.hits.push({
    oid: task.oid,
    found: task.paths.map((at) => ({ path: at, findings: at === path ? findings : findings.map((f) => ({ ...f, path: at })) })),
  });
}

/** A delta of a blob scanned here: its fresh lines that no blob here had, and the base's findings on the lines it copied. */
function scanDelta(
  task: BlobTask,
  content: Buffer,
  delta: NonNullable<PackedBlob['delta']>,
  baseFindings: readonly HeldFinding[],
  seen: LineHashSet | undefined,
  state: SegmentState,
): HeldFinding[] {
  const timings = threadTimings();
  const started = timings ? performance.now() : 0;
  const fresh = unseenLines(content, freshLines(content, delta.fresh), seen, threadPool);
  const text = deltaText(content, fresh.focus, state.far, threadPool);
  if (timings) timings.addPhase('diff', performance.now() - started);
  const path = task.paths[0] as string;
  const lines = new NewlineIndex(content);
  const found = text ? scanText(state.scanner, { text: text.focused.text, origin: { path } }, text.focused.focus) : [];
  const holding = found.map((finding) => placed(finding, text as DeltaText, lines));
  for (const { from, lines } of fresh.hashed) {
    remember(seen, lines, from, holding);
    releaseLines(lines, threadPool);
  }
  const known = new Set(holding.map(({ finding }) => sameKey(finding)));
  for (const carried of carry(baseFindings, delta.copies ?? [], content, lines, path))
    if (!known.has(sameKey(carried.finding))) holding.push(carried);
  return holding.sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column);
}

/**
 * A blob with no base scanned here: whole, or, when lines of it were scanned here before (a
 * version git stored whole, a file copied), on the others.
 */
function scanWhole(task: BlobTask, content: Buffer, seen: LineHashSet, state: SegmentState): HeldFinding[] {
  const timings = threadTimings();
  const started = timings ? performance.now() : 0;
  const lines = hashLines(content, threadPool);
  const focus: [number, number][] = [];
  let unseen = 0;
  for (let i = 0; i < lines.count; i++) {
    if (seen.has(lines.first[i] as number, lines.second[i] as number)) continue;
    unseen += 1;
    joinSpan(focus, lines.starts[i] as number, lines.ends[i] as number);
  }
  const whole = unseen === lines.count;
  const text = whole || focus.length === 0 ? undefined : sparseText(content, lines, focus, state.far, threadPool);
  const starts = lines.starts;
  const ends = lines.ends;
  const holdingOf = (findings: Finding[]) =>
    findings.map((finding) => ({
      finding,
      from: starts[Math.min(finding.line, lines.count) - 1] as number,
      to: ends[Math.min(finding.endLine, lines.count) - 1] as number,
    }));
  if (timings) timings.addPhase('diff', performance.now() - started);
  const path = task.paths[0] as string;
  const found = whole
    ? scanText(state.scanner, { text: decodeText(content), origin: { path } })
    : text
      ? scanText(state.scanner, { text: text.text, origin: { path } }, text.focus)
      : [];
  const holding = holdingOf(found);
  remember(seen, lines, 0, holding);
  releaseLines(lines, threadPool);
  return holding;
}

/** Adds scanned lines (`lines`, at byte `from` of the blob) to the lines seen, but those a finding is on. */
function remember(seen: LineHashSet | undefined, lines: TextLines, from: number, holding: readonly HeldFinding[]): void {
  if (!seen) return;
  for (let i = 0; i < lines.count; i++) {
    const start = from + (lines.starts[i] as number);
    const end = from + (lines.ends[i] as number);
    if (holding.length && holding.some((held) => start <= held.to && end >= held.from)) continue;
    seen.add(lines.first[i] as number, lines.second[i] as number);
  }
}

/** A finding of a delta text on the blob's own lines (its line numbers, and the bytes of its lines). */
function placed(finding: Finding, text: DeltaText, lines: NewlineIndex): HeldFinding {
  const first = finding.line - 1;
  const last = finding.endLine - 1;
  let region = text.regions[0] as DeltaText['regions'][number];
  for (const candidate of text.regions) if (candidate.line <= first) region = candidate;
  const firstLine = lines.lineOf(region.byte) + first - region.line;
  return {
    finding: { ...finding, line: firstLine, endLine: firstLine + last - first },
    from: text.lines.starts[first] as number,
    to: text.lines.ends[last] as number,
  };
}

/** The base's findings on lines this blob copied whole from it (one run of the base, bounded by newlines here), moved to their place here. */
function carry(from: readonly HeldFinding[], copies: readonly number[], content: Buffer, lines: NewlineIndex, path: string): HeldFinding[] {
  const carried: HeldFinding[] = [];
  for (const { finding, from: start, to: end } of from) {
    for (let i = 0; i < copies.length; i += 3) {
      const at = copies[i] as number;
      const offset = copies[i + 1] as number;
      const length = copies[i + 2] as number;
      if (start < offset || end > offset + length) continue;
      const here = at + start - offset;
      const hereEnd = here + end - start;
      if ((here > 0 && content[here - 1] !== 10) || (hereEnd < content.length && content[hereEnd] !== 10)) continue;
      const line = lines.lineOf(here);
      const shift = here - start;
      carried.push({
        finding: {
          ...finding,
          path,
          line,
          endLine: line + finding.endLine - finding.line,
          start: finding.start + shift,
          end: finding.end + shift,
        },
        from: here,
        to: hereEnd,
      });
      break;
    }
  }
  return carried;
}

/** Findings that are the same one (found again in the context of fresh bytes, and carried). */
function sameKey(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.line}\u0000${finding.column}\u0000${finding.secret}`;
}

/**
 * One segment of a history scan, on this thread or a worker's: from the packs when `packed` is
 * given (`started`, a reader started early, then closed unused), else through git (`started`
 * reads it).
 */
export function scanHistorySegment(
  tasks: readonly BlobTask[],
  scanner: TextScanner,
  git: GitSpawnOptions,
  onProgress: (blobs: number, bytes: number) => void,
  started: ObjectSpool | undefined,
  packed: PackedSource | undefined,
): Promise<SegmentResult> {
  if (!packed) return scanSegment(tasks, scanner, git, onProgress, started);
  started?.close();
  return scanPackedSegment(tasks, scanner, packed, git, onProgress);
}
