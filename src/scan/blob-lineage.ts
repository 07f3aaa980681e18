import type { Finding } from '../engine/index.js';
import { threadPool } from '../sources/index.js';
import { hashLines, LineSet, newLineSpans, releaseLines, type LineHashes, type TextLines } from './line-diff.js';
import { pathScanKey, sameRules, type TextScanner } from './text-scanner.js';

/** The part of a blob task lineage needs: its id, its paths, and the blob it replaced (its base). */
export interface LineageTask {
  oid: string;
  paths: string[];
  /** The older version of the file this blob replaced, when it was first committed (history scans). */
  base?: string;
  /** The blob this one is stored as a delta of, when read from the packs. */
  deltaBase?: string;
}

/** Lines of kept versions a segment holds at most (8 bytes each, 12 with findings: 32-48 MB). */
const KEPT_LINES = 4 * 1024 * 1024;

/**
 * What a segment keeps of a read blob until the versions linked to it are read: its lines' hashes
 * and its findings (and its lines' starts when it has findings: carrying one moves it by its line's
 * offset). Line ends and, without findings, starts are given back to the pool at once: a history
 * keeps many versions at a time, and memory first touched costs more here than the work on it.
 */
interface KeptVersion {
  /** Its size in bytes (where its last line ends). */
  size: number;
  lines: LineHashes;
  /** Where its lines start, kept when it holds findings. */
  starts?: Int32Array;
  /** Its lines' lookup table, built when first needed (most successors match line by line without it). */
  set?: LineSet;
  /** Every finding the version holds (found and carried). */
  findings: Finding[];
}

/** How to scan one blob: only `focus` when a linked version was read under the same rules, with findings carried over from it. */
export interface BlobPlan {
  /** The spans (byte offsets) of lines the linked version read before does not have; undefined: scan the whole text. */
  focus?: [number, number][];
  /** That version's findings on lines this blob shares, moved to their lines in this blob (offsets moved by the lines' byte offsets). */
  carried: Finding[];
  /** The blob's lines, when they were hashed. */
  lines?: TextLines;
}

/**
 * Diff-based history scanning within one segment of blobs. Versions of a file are linked by
 * bases (the version each replaced); a blob is scanned only on the lines that a linked version
 * already read in this segment (older or newer: the segment keeps git's pack order, often newest
 * first) does not have, since every other line was scanned there, and that version's findings on
 * the shared lines are carried over. So every line of every version is scanned once and each
 * version still holds all its findings: the earliest commit and the count of other places come
 * out as in a scan of every version whole. A read version is kept (its line hashes and findings,
 * not its text) until every version linked to it is read. A version whose neighbours are all
 * unread (pack order visits a file's versions out of turn: 16, 14, 13, 9, 7, 2, 1, 3, ...) is
 * scanned against the version of its file read last (two or more steps away: its new lines are
 * those of the steps between), which is kept while versions of the file are still to come.
 * Among the kept versions of its file, a blob is scanned against the one nearest in size (a
 * linked one counts its size difference a quarter): a bundle rebuilt with a dependency dropped
 * is linked to the version before, yet a version read earlier, before the drop, shares far more of
 * its lines (any kept version is a valid base: only the cost differs).
 * Without any read version of its file (the first one read, binary or missing versions, a path
 * where other rules apply) the whole blob is scanned.
 */
export class Lineage {
  /** Each blob's linked versions in this segment: its base and the versions that replaced it. */
  private readonly links = new Map<string, string[]>();
  /** For each blob: how many of its linked versions are still to be read. */
  private readonly unread = new Map<string, number>();
  private readonly kept = new Map<string, KeptVersion>();
  private keptLines = 0;
  private readonly tasks = new Map<string, LineageTask>();
  /** Each linked blob's file: the index of its lineage (versions joined through links). */
  private readonly fileOf = new Map<string, number>();
  /** For each lineage: how many of its versions are still to be read. */
  private readonly fileUnread: number[] = [];
  /** For each lineage: its version read last and kept (while versions of it are still to come). */
  private readonly latest = new Map<number, string>();
  /** For each lineage: its kept versions. */
  private readonly keptOf = new Map<number, Set<string>>();

  constructor(
    tasks: readonly LineageTask[],
    private readonly scanner: TextScanner,
  ) {
    // UNLEAK_HISTORY_WHOLE_BLOBS=1: every version scanned whole (slower; to compare, or to rule the line diff out).
    if (process.env.UNLEAK_HISTORY_WHOLE_BLOBS === '1') return;
    for (const task of tasks) this.tasks.set(task.oid, task);
    const link = (a: string, b: string) => {
      const list = this.links.get(a);
      if (list) list.push(b);
      else this.links.set(a, [b]);
      this.unread.set(a, (this.unread.get(a) ?? 0) + 1);
    };
    for (const task of tasks) {
      if (task.base === undefined || task.base === task.oid || !this.tasks.has(task.base)) continue;
      link(task.oid, task.base);
      link(task.base, task.oid);
    }
    this.numberFiles(tasks);
  }

  /** Numbers the lineages of the linked blobs (their files) and counts their versions. */
  private numberFiles(tasks: readonly LineageTask[]): void {
    const lineage = lineagesOf(tasks);
    const numbers = new Map<number, number>();
    tasks.forEach((task, i) => {
      if (!this.links.has(task.oid)) return;
      const root = lineage[i] as number;
      let file = numbers.get(root);
      if (file === undefined) {
        file = this.fileUnread.push(0) - 1;
        numbers.set(root, file);
      }
      this.fileOf.set(task.oid, file);
      this.fileUnread[file] = (this.fileUnread[file] as number) + 1;
    });
  }

  /** How to scan a blob (`bytes`: its content; lines are hashed as bytes, focus spans are byte offsets). */
  plan(task: LineageTask, bytes: Uint8Array): BlobPlan {
    const links = this.links.get(task.oid);
    if (!links) return { carried: [] };
    const file = this.fileOf.get(task.oid) as number;
    const near = this.nearest(task, file, links, bytes.length);
    const read = near === undefined ? undefined : this.kept.get(near);
    // Its lines are hashed when a read version stands for some of them, or when versions of its file are still to come.
    if (!read && (this.fileUnread[file] as number) <= 1) return { carried: [] };
    const lines = hashLines(bytes, threadPool);
    if (!read) return { carried: [], lines };
    return {
      focus: newLineSpans(lines, read.lines, () => (read.set ??= new LineSet(read.lines, threadPool))),
      carried: carry(read, lines, task.paths[0] as string),
      lines,
    };
  }

  /** The kept version of the file to scan `task` against: the nearest in size, a linked one's difference counted a quarter; undefined when none is usable. */
  private nearest(task: LineageTask, file: number, links: readonly string[], size: number): string | undefined {
    let best: string | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const oid of this.keptOf.get(file) ?? []) {
      const held = this.kept.get(oid) as KeptVersion;
      const score = Math.abs(held.size - size) / (links.includes(oid) ? 4 : 1);
      if (score < bestScore && this.usable(task, oid)) {
        best = oid;
        bestScore = score;
      }
    }
    return best;
  }

  /** After a blob's scan: keeps what its unread linked versions need (`findings`: all it holds, found and carried), drops what no one needs any more. */
  done(task: LineageTask, plan: BlobPlan, findings: Finding[]): void {
    const file = this.fileOf.get(task.oid);
    if (file === undefined) return;
    this.fileUnread[file] = (this.fileUnread[file] as number) - 1;
    for (const oid of this.links.get(task.oid) ?? []) {
      const left = (this.unread.get(oid) ?? 0) - 1;
      this.unread.set(oid, left);
      if (!this.needed(oid)) this.drop(oid);
    }
    const previous = this.latest.get(file);
    if (!plan.lines) {
      if (previous !== undefined && !this.needed(previous)) this.drop(previous);
      return;
    }
    if ((this.fileUnread[file] as number) <= 0) {
      if (previous !== undefined) this.drop(previous);
      releaseLines(plan.lines, threadPool);
      return;
    }
    const { first, second, count, starts, ends } = plan.lines;
    const size = count ? (ends[count - 1] as number) : 0;
    const keepStarts = findings.length > 0;
    releaseLines(keepStarts ? { ends } : { ends, starts }, threadPool);
    this.kept.set(task.oid, { size, lines: { first, second, count }, starts: keepStarts ? starts : undefined, findings });
    const ofFile = this.keptOf.get(file);
    if (ofFile) ofFile.add(task.oid);
    else this.keptOf.set(file, new Set([task.oid]));
    this.keptLines += plan.lines.count;
    this.latest.set(file, task.oid);
    if (previous !== undefined && !this.needed(previous)) this.drop(previous);
    // Over the bound (a history with very many files in flight): the longest-kept go; their linked versions are scanned whole.
    for (const oid of this.kept.keys()) {
      if (this.keptLines <= KEPT_LINES) break;
      this.drop(oid);
    }
  }

  /** True while a version is wanted: linked versions of it are unread, or it is its file's latest read and versions of the file are to come. */
  private needed(oid: string): boolean {
    if ((this.unread.get(oid) ?? 0) > 0) return true;
    const file = this.fileOf.get(oid) as number;
    return this.latest.get(file) === oid && (this.fileUnread[file] as number) > 0;
  }

  private drop(oid: string): void {
    const held = this.kept.get(oid);
    if (!held) return;
    const file = this.fileOf.get(oid) as number;
    if (this.latest.get(file) === oid) this.latest.delete(file);
    this.kept.delete(oid);
    this.keptOf.get(file)?.delete(oid);
    this.keptLines -= held.lines.count;
    held.set?.release();
    releaseLines({ ...held.lines, starts: held.starts }, threadPool);
  }

  /** True when `oid` was read here and can stand for `task`'s shared lines: the same rules apply to both. */
  private usable(task: LineageTask, oid: string): boolean {
    const other = this.tasks.get(oid);
    return this.kept.has(oid) && other !== undefined && sameRules((path) => pathScanKey(this.scanner, path), task.paths, other.paths);
  }
}

/** The findings of a read version on lines this blob (`lines`, first at `path`) shares with it, moved to where those lines are here. */
function carry(read: KeptVersion, lines: TextLines, path: string): Finding[] {
  if (!read.findings.length) return [];
  const here = new LineSet(lines, threadPool);
  const was = read.lines;
  const wasStarts = read.starts as Int32Array;
  const carried: Finding[] = [];
  for (const finding of read.findings) {
    const first = finding.line - 1;
    const last = finding.endLine - 1;
    if (first < 0 || last >= was.count) continue;
    const at = here.find(was.first[first] as number, was.second[first] as number);
    const lastAt = at + (last - first);
    if (at === -1 || lastAt >= lines.count) continue;
    if (lines.first[lastAt] !== was.first[last] || lines.second[lastAt] !== was.second[last]) continue;
    carried.push({
      ...finding,
      path,
      line: at + 1,
      endLine: lastAt + 1,
      start: (lines.starts[at] as number) + finding.start - (wasStarts[first] as number),
      end: (lines.starts[lastAt] as number) + finding.end - (wasStarts[last] as number),
    });
  }
  here.release();
  return carried;
}

/** For each task, the index of the first task of its lineage (the versions of one file: blobs joined through `base`, and through `deltaBase` where set). */
export function lineagesOf(tasks: readonly LineageTask[]): Int32Array {
  const parent = Int32Array.from(tasks, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const up = parent[i] as number;
      parent[i] = root;
      i = up;
    }
    return root;
  };
  const at = new Map<string, number>();
  tasks.forEach((task, i) => at.set(task.oid, i));
  const join = (i: number, oid: string | undefined) => {
    const base = oid === undefined ? undefined : at.get(oid);
    if (base === undefined) return;
    const a = find(i);
    const b = find(base);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  tasks.forEach((task, i) => {
    join(i, task.base);
    join(i, task.deltaBase);
  });
  return Int32Array.from(tasks, (_, i) => find(i));
}
