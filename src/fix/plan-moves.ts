import { posix } from 'node:path';
import { assignsKey, dotenvAssignments, lineSpanAt, type DotenvLine } from './dotenv-lines.js';
import type { FileKind } from './file-kinds.js';
import { rewriteFile, type NamedOccurrence } from './file-rewriter.js';
import { toEnvName } from './naming.js';
import type { EntryBook } from './plan-entries.js';
import type { ComposedLine } from './plan-composed.js';
import { appendLines, toTextEdit, type Located, type PlanState } from './plan-state.js';
import { sha256 } from './text-edits.js';
import type { FileChange, FileRemoval } from './types.js';

/** The three ways a file changes: it moves into the store whole, its .env lines move, or its occurrences become references. */

/** A `.env` line (or a comment line holding a value) that leaves the file. */
export interface DotenvMove {
  line: DotenvLine | undefined;
  span: { start: number; end: number };
}

/** A file that is itself a secret: one `file` entry holding its whole text, and its removal. */
export function planFileSecret(
  book: EntryBook,
  state: PlanState,
  whole: Located,
  text: string,
  chosen: string | undefined,
): FileRemoval | undefined {
  const local = state.findingsIn(whole.value, whole.path);
  const finding = local[0] ?? state.groups.get(whole.value)?.[0];
  let name: string;
  if (chosen) {
    const reason = book.claim(chosen, text, 'file', finding, whole.path, 'user');
    if (reason) {
      state.refuse(whole.path, whole.start, `--name ${chosen}: ${reason}`);
      return undefined;
    }
    name = chosen;
  } else name = book.addUnique(finding?.envName ?? toEnvName(posix.basename(whole.path)), text, 'file', finding, whole.path);
  const entry = book.get(name);
  if (entry) entry.filePath = whole.path;
  book.reference(name);
  for (const f of local) book.note(name, f);
  state.handle(whole);
  return { path: whole.path, originalSha256: sha256(text), entry: name };
}

/**
 * The lines of a `.env` file that hold values. A line holding exactly a secret becomes an entry
 * named by its key; a line holding a secret inside a longer value (a connection string), or exactly
 * a secret that another entry already holds, is put in `composed`, to become a template of the
 * secret's one entry once every value is named.
 */
export function planDotenv(
  book: EntryBook,
  state: PlanState,
  text: string,
  occurrences: Located[],
  composed: ComposedLine[],
): DotenvMove[] {
  const lines = dotenvAssignments(text);
  const moves: DotenvMove[] = [];
  for (const o of occurrences) {
    const line = lines.find((candidate) => candidate.start <= o.start && o.end <= candidate.end);
    const heldAs = book.nameOfValue(o.value) ?? book.storeNameOf(o.value);
    if (line && (line.value !== o.value || (heldAs !== undefined && heldAs !== line.key))) {
      const pending = composed.find((c) => c.path === o.path && c.line.start === line.start);
      if (pending) pending.occurrences.push(o);
      else composed.push({ path: o.path, line, occurrences: [o] });
      book.reserve(line.key);
      continue;
    }
    if (line) {
      const local = state.findingsIn(o.value, o.path);
      const reason = book.claim(line.key, line.value, 'value', local[0], state.source(o), 'dotenv');
      if (reason) {
        state.refuse(o.path, o.start, reason);
        continue;
      }
      for (const f of local) book.note(line.key, f);
    }
    state.handle(o);
    const span = line ? { start: line.start, end: line.end } : lineSpanAt(text, o.start);
    if (!moves.some((m) => m.span.start === span.start)) moves.push({ line, span });
  }
  return moves;
}

/** Rewrites a file's occurrences into references to the entries named in `nameOf`. */
export function planRewrite(
  book: EntryBook,
  state: PlanState,
  path: string,
  text: string,
  kind: FileKind,
  occurrences: Located[],
  nameOf: ReadonlyMap<string, string>,
  show: (text: string) => string,
): FileChange | undefined {
  const named: NamedOccurrence[] = [];
  for (const o of occurrences) {
    const name = nameOf.get(o.value);
    if (name) named.push({ start: o.start, end: o.end, name });
    else state.refuse(path, o.start, 'no store entry could be named for this value');
  }
  const rewrite = rewriteFile(text, kind, named, path);
  for (const r of rewrite.refused) state.refuse(path, r.start, r.reason);
  for (const o of occurrences) if (nameOf.has(o.value) && !rewrite.refused.some((r) => r.start === o.start)) state.handle(o);
  for (const edit of rewrite.edits) if (edit.entry) book.reference(edit.entry);
  if (rewrite.edits.length === 0) return undefined;
  return { path, originalSha256: sha256(text), edits: rewrite.edits.map((edit) => toTextEdit(text, edit, show)), reason: 'references' };
}

/** The `.env` edits (lines removed) and the `.env.example` lines (names without values). */
export function planDotenvChanges(
  book: EntryBook,
  texts: ReadonlyMap<string, string>,
  dotenvMoves: Map<string, DotenvMove[]>,
  show: (text: string) => string,
): FileChange[] {
  const changes: FileChange[] = [];
  const examples = new Map<string, Set<string>>();
  for (const [path, moves] of dotenvMoves) {
    const text = texts.get(path) as string;
    changes.push({
      path,
      originalSha256: sha256(text),
      edits: moves.map((m) => toTextEdit(text, { ...m.span, replacement: '', ...(m.line ? { entry: m.line.key } : {}) }, show)),
      reason: 'lines moved into the store',
    });
    const example = posix.join(posix.dirname(path), '.env.example');
    const keys = examples.get(example) ?? new Set<string>();
    for (const m of [...moves].sort((x, y) => x.span.start - y.span.start)) {
      if (!m.line) continue;
      book.reference(m.line.key);
      keys.add(m.line.key);
    }
    examples.set(example, keys);
  }
  for (const [path, keys] of examples) {
    const text = texts.get(path);
    const missing = [...keys].filter((key) => text === undefined || !assignsKey(text, key));
    if (missing.length)
      changes.push(
        appendLines(
          path,
          text,
          missing.map((key) => `${key}=`),
          '.env.example: names without values',
        ),
      );
  }
  return changes;
}
