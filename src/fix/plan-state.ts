import { redact } from '../report/index.js';
import { findOccurrences } from './occurrences.js';
import { positionOf, sha256 } from './text-edits.js';
import type { FileChange, FixFinding, TextEdit, TreeFile } from './types.js';

/** What the planner keeps while it walks the files, and the small pieces it builds edits from. */

/** One occurrence of a value in a file. */
export interface Located {
  path: string;
  start: number;
  end: number;
  value: string;
}

/** Every occurrence of every value, by file; where two overlap, the longer (earlier) one wins. */
export function occurrencesByFile(files: TreeFile[], groups: Map<string, FixFinding[]>): Map<string, Located[]> {
  const byFile = new Map<string, Located[]>();
  for (const file of files) {
    const found: Located[] = [];
    for (const [value, findings] of groups) {
      const reported = findings.filter((f) => f.path === file.path);
      for (const o of findOccurrences(file.text, value, reported)) found.push({ path: file.path, start: o.start, end: o.end, value });
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = found.filter((o, i) => !found.slice(0, i).some((p) => o.start < p.end && p.start < o.end));
    if (kept.length) byFile.set(file.path, kept);
  }
  return byFile;
}

/** True when the occurrence is all the file holds, apart from whitespace. */
export function isWholeFile(text: string, occurrence: Located): boolean {
  return text.slice(0, occurrence.start).trim() === '' && text.slice(occurrence.end).trim() === '';
}

/** What the planner tracks while it walks the files: refusals by place and occurrences dealt with. */
export class PlanState {
  readonly refusedAt = new Map<string, string>();
  private readonly handled = new Set<string>();

  constructor(
    readonly texts: ReadonlyMap<string, string>,
    readonly groups: ReadonlyMap<string, FixFinding[]>,
  ) {}

  /** Records why the occurrence (or finding) starting at `start` in `path` is not fixed; the first reason wins. */
  refuse(path: string, start: number, reason: string): void {
    const key = `${path}\u0000${start}`;
    if (!this.refusedAt.has(key)) this.refusedAt.set(key, reason);
  }

  /** Marks an occurrence as taken care of (replaced, moved, or removed with its file). */
  handle(o: Located): void {
    this.handled.add(`${o.path}\u0000${o.value}\u0000${o.start}`);
  }

  /** True when the occurrence was taken care of. */
  isHandled(o: Located): boolean {
    return this.handled.has(`${o.path}\u0000${o.value}\u0000${o.start}`);
  }

  /** The findings of a value in one file. */
  findingsIn(value: string, path: string): FixFinding[] {
    return (this.groups.get(value) ?? []).filter((f) => f.path === path);
  }

  /** `path:line` of an occurrence, for the store metadata. */
  source(o: Located): string {
    return `${o.path}:${positionOf(this.texts.get(o.path) ?? '', o.start).line}`;
  }
}

/** A raw edit with its position and a redacted view of what it replaces. */
export function toTextEdit(
  text: string,
  edit: { start: number; end: number; replacement: string; entry?: string },
  show: (text: string) => string,
): TextEdit {
  const { line, column } = positionOf(text, edit.start);
  const replaced = show(text.slice(edit.start, edit.end).replace(/\r?\n$/, ''));
  return {
    start: edit.start,
    end: edit.end,
    replacement: edit.replacement,
    line,
    column,
    shown: replaced.length > 120 ? `${replaced.slice(0, 119)}…` : replaced,
    ...(edit.entry ? { entry: edit.entry } : {}),
  };
}

/** Lines appended to a file (created when missing), as a change. */
export function appendLines(path: string, text: string | undefined, lines: string[], reason: string): FileChange {
  const current = text ?? '';
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const lead = current === '' || current.endsWith('\n') ? '' : eol;
  const addition = `${lead}${lines.join(eol)}${eol}`;
  return {
    path,
    originalSha256: text === undefined ? undefined : sha256(text),
    edits: [
      {
        start: current.length,
        end: current.length,
        replacement: addition,
        line: positionOf(current, current.length).line,
        column: 1,
        shown: '',
      },
    ],
    reason,
  };
}

/** Replaces every written form of every value in `text` with its redacted form. */
export function maskValues(text: string, values: string[]): string {
  let out = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (value.length < 4) continue;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])
      out = out.split(form).join(redact(value.split('\n')[0] ?? value));
    for (const line of value.split('\n')) if (line.trim().length >= 8) out = out.split(line).join(redact(line));
  }
  return out;
}
