import type { Finding } from '../engine/index.js';
import { redact } from '../report/index.js';
import { isNullOid, isRegularFile, type LogCommit } from '../sources/index.js';

/** Who made a commit, when, and its subject: what a history finding shows. */
export interface CommitMeta {
  oid: string;
  author: string;
  email: string;
  date: string;
  subject: string;
}

/** A blob introduced at a path by a commit (an index into the walk's commits), with the blobs it replaced. */
export interface Place {
  commit: number;
  path: string;
  /** The blob(s) at that path in the parent(s); empty for an addition (and in history mode, where it is not needed). */
  oldOids: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The result of one streamed `git log --raw` walk (oldest commit first): every commit, and for
 * each blob the places that introduced it. In history mode only the first commit per path is kept
 * (the one that introduced the blob there); in range mode every introduction, with its old blobs,
 * since each commit of a range is judged on its own.
 */
export class IntroIndex {
  readonly commits: CommitMeta[] = [];
  readonly blobs = new Map<string, Place[]>();
  /**
   * History mode: for a blob that first appeared as a new version of a file, the blob it replaced
   * there (the first parent's): its "base", the older version a history scan diffs it against.
   */
  readonly bases = new Map<string, string>();
  private readonly interned = new Map<string, string>();

  constructor(private readonly everyIntroduction: boolean) {}

  /** Records one commit of the walk; returns its index. */
  add(commit: LogCommit): number {
    const index = this.commits.length;
    this.commits.push({
      oid: commit.oid,
      author: commit.author,
      email: commit.email,
      date: commit.date,
      subject: subjectOf(commit.message),
    });
    for (const change of commit.changes) {
      if (!isRegularFile(change.newMode) || isNullOid(change.newOid)) continue;
      const path = this.intern(change.path);
      const places = this.blobs.get(change.newOid);
      const oldOids = this.everyIntroduction
        ? change.oldOids.filter((oid, i) => !isNullOid(oid) && isRegularFile(change.oldModes[i] ?? ''))
        : NONE;
      const place: Place = { commit: index, path, oldOids };
      if (!places) {
        this.blobs.set(change.newOid, [place]);
        const base = change.oldOids[0];
        if (
          !this.everyIntroduction &&
          base !== undefined &&
          !isNullOid(base) &&
          base !== change.newOid &&
          isRegularFile(change.oldModes[0] ?? '')
        )
          this.bases.set(change.newOid, base);
      } else if (this.everyIntroduction ? !places.some((p) => p.commit === index && p.path === path) : !places.some((p) => p.path === path))
        places.push(place);
    }
    return index;
  }

  private intern(path: string): string {
    const known = this.interned.get(path);
    if (known !== undefined) return known;
    this.interned.set(path, path);
    return path;
  }
}

/** The first line of a commit message. */
export function subjectOf(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** The subject with every secret found in the message redacted (findings' offsets are message offsets). */
export function maskSubject(subject: string, findings: readonly Finding[]): string {
  let masked = subject;
  for (const finding of [...findings].sort((a, b) => b.start - a.start)) {
    if (finding.start >= subject.length) continue;
    masked = `${masked.slice(0, finding.start)}${redact(finding.secret)}${masked.slice(Math.min(finding.end, subject.length))}`;
  }
  for (const finding of findings) masked = masked.split(finding.secret).join(redact(finding.secret));
  return masked;
}
