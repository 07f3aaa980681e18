import type { Finding } from '../engine/index.js';
import { looksBinary, threadPool } from '../sources/index.js';
import { hashLines, LineSet, newLineSpans, releaseLines, type TextLines } from './line-diff.js';
import { pathScanKey, type TextScanner } from './text-scanner.js';

/** The part of a blob task lineage needs: its id, its paths, and the blob it replaced (its base). */
export interface LineageTask {
  oid: string;
  paths: string[];
  /** The older version of the file this blob replaced, when it was first committed (history scans). */
  base?: string;
}

/** What a segment keeps of a scanned blob until the blobs that replaced it are scanned: its lines and its findings. */
interface KeptVersion {
  lines: TextLines;
  /** Its lines' lookup table, built when first needed (most successors match line by line without it). */
  set?: LineSet;
  /** Every finding the version holds; undefined for a version scanned in another segment (only hashed here). */
  findings: Finding[] | undefined;
}

/** How to scan one blob: only `focus` when its base was scanned under the same rules, with findings carried over from the base. */
export interface BlobPlan {
  /** The spans (byte offsets) of lines the base did not have; undefined: scan the whole text. */
  focus?: [number, number][];
  /** Findings of the base on lines this blob kept, moved to their lines in this blob (offsets moved by the lines' byte offsets). */
  carried: Finding[];
  /** The blob's lines, when they were hashed. */
  lines?: TextLines;
  /** False when the base's findings are not known here (scanned in another segment): neither are all of this blob's. */
  complete?: false;
}

/**
 * Diff-based history scanning within one segment of blobs (ordered so that a blob comes after
 * the base it replaced). A blob whose base was scanned in the same segment is scanned only on
 * the lines the base did not have: every other line was scanned there, and the base's findings
 * on those lines are carried over (so each finding still counts every version holding it).
 * A base is kept (its line hashes and findings, not its text) until its last successor is
 * scanned. Without a scanned base (first version, binary or missing base, another segment, or
 * a path where other rules apply) the whole blob is scanned.
 */
export class Lineage {
  /** For each blob that is the base of later blobs in this segment: how many are still to come. */
  private readonly successors = new Map<string, number>();
  private readonly kept = new Map<string, KeptVersion>();
  private readonly tasks = new Map<string, LineageTask>();

  constructor(
    tasks: readonly LineageTask[],
    private readonly scanner: TextScanner,
  ) {
    // UNLEAK_HISTORY_WHOLE_BLOBS=1: every version scanned whole (slower; to compare, or to rule the line diff out).
    if (process.env.UNLEAK_HISTORY_WHOLE_BLOBS === '1') return;
    for (const task of tasks) {
      if (task.base && this.tasks.has(task.base)) this.successors.set(task.base, (this.successors.get(task.base) ?? 0) + 1);
      this.tasks.set(task.oid, task);
    }
  }

  /** How to scan a blob (`bytes`: its content; lines are hashed as bytes, focus spans are byte offsets). */
  plan(task: LineageTask, bytes: Uint8Array): BlobPlan {
    const base = task.base !== undefined ? this.kept.get(task.base) : undefined;
    const baseTask = this.tasks.get(task.base as string) as LineageTask;
    // A path the base did not have gets the base's findings only by carrying them: they must be known.
    const usable =
      base !== undefined &&
      this.sameRules(task, baseTask) &&
      (base.findings !== undefined || task.paths.every((path) => baseTask.paths.includes(path)));
    if (!usable && !this.successors.has(task.oid)) return { carried: [] };
    const lines = hashLines(bytes, threadPool);
    if (!usable) return { carried: [], lines };
    const plan: BlobPlan = {
      focus: newLineSpans(lines, base.lines, () => (base.set ??= new LineSet(base.lines, threadPool))),
      carried: carry(base, lines),
      lines,
    };
    if (base.findings === undefined) plan.complete = false;
    return plan;
  }

  /** Keeps a blob scanned elsewhere (only its lines: its findings are not known here) as the base of the next ones. */
  hashOnly(task: LineageTask, bytes: Uint8Array | undefined): void {
    if (!bytes || looksBinary(bytes) || !this.successors.has(task.oid)) return;
    this.done(task, { carried: [], lines: hashLines(bytes, threadPool) }, undefined);
  }

  /** After a blob's scan: keeps what its successors need (`findings`: all it holds, found and carried), drops its base when done with it. */
  done(task: LineageTask, plan: BlobPlan, findings: Finding[] | undefined): void {
    if (task.base !== undefined) {
      const left = (this.successors.get(task.base) ?? 0) - 1;
      if (left > 0) this.successors.set(task.base, left);
      else {
        this.successors.delete(task.base);
        const base = this.kept.get(task.base);
        this.kept.delete(task.base);
        if (base) {
          base.set?.release();
          releaseLines(base.lines, threadPool);
        }
      }
    }
    if (!plan.lines) return;
    if (this.successors.has(task.oid))
      this.kept.set(task.oid, { lines: plan.lines, findings: plan.complete === false ? undefined : findings });
    else releaseLines(plan.lines, threadPool);
  }

  /** True when the same rules apply to every path of both blobs (their findings then differ only in `path`). */
  private sameRules(task: LineageTask, base: LineageTask): boolean {
    const only = task.paths[0];
    if (task.paths.length === 1 && base.paths.length === 1 && base.paths[0] === only) return true;
    const key = pathScanKey(this.scanner, only as string);
    return [...task.paths, ...base.paths].every((path) => pathScanKey(this.scanner, path) === key);
  }
}

/** The base's findings whose lines this blob kept unchanged, moved to where those lines are now. */
function carry(base: KeptVersion, lines: TextLines): Finding[] {
  if (!base.findings?.length) return [];
  const here = new LineSet(lines, threadPool);
  const was = base.lines;
  const carried: Finding[] = [];
  for (const finding of base.findings) {
    const first = finding.line - 1;
    const last = finding.endLine - 1;
    if (first < 0 || last >= was.count) continue;
    const at = here.find(was.first[first] as number, was.second[first] as number);
    const lastAt = at + (last - first);
    if (at === -1 || lastAt >= lines.count) continue;
    if (lines.first[lastAt] !== was.first[last] || lines.second[lastAt] !== was.second[last]) continue;
    carried.push({
      ...finding,
      line: at + 1,
      endLine: lastAt + 1,
      start: (lines.starts[at] as number) + finding.start - (was.starts[first] as number),
      end: (lines.starts[lastAt] as number) + finding.end - (was.starts[last] as number),
    });
  }
  here.release();
  return carried;
}
