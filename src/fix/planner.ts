import { redact } from '../report/index.js';
import { fileKindOf, type FileKind } from './file-kinds.js';
import { baseNameFor } from './naming.js';
import { EntryBook } from './plan-entries.js';
import { planComposedLines, planCredentialFile, type ComposedLine } from './plan-composed.js';
import { planDotenv, planDotenvChanges, planFileSecret, planRewrite, type DotenvMove } from './plan-moves.js';
import { connectionTargetAt, encodedPasswordReason, encodedPasswordSpans, withRotationProvider } from './rotation-meta.js';
import { appendLines, isWholeFile, maskValues, occurrencesByFile, PlanState, type Located } from './plan-state.js';
import { sha256 } from './text-edits.js';
import type { FileChange, FileRemoval, FixFinding, FixPlan, Refusal, TreeFile } from './types.js';

/**
 * The fix planner: findings and the texts of the files that hold their values in, a plan out.
 * Pure: it reads nothing and writes nothing; `applyPlan` does the I/O.
 */

/** Everything the planner needs. */
export interface PlanInput {
  findings: FixFinding[];
  /** Text files of the tree: those holding a value, plus `.gitignore` and `.env.example` files when present. */
  files: TreeFile[];
  /** Store entries that exist already: name → sha256 of the value. */
  existing?: ReadonlyMap<string, string>;
  /** Names chosen by the user: finding fingerprint → entry name. */
  names?: ReadonlyMap<string, string>;
}

const GITIGNORE = '.gitignore';

/** Turns findings into a plan: entries, edits, removals, `.gitignore` and `.env.example` lines, refusals. */
export function planFix(input: PlanInput): FixPlan {
  const texts = new Map(input.files.map((file) => [file.path, file.text]));
  const kinds = new Map(input.files.map((file) => [file.path, fileKindOf(file.path, file.text)]));
  const book = new EntryBook(input.existing ?? new Map());
  const groups = new Map<string, FixFinding[]>();
  const unreadable: FixFinding[] = [];
  const sorted = input.findings.map(withRotationProvider).sort((a, b) => a.path.localeCompare(b.path) || a.start - b.start);
  const encoded = encodedPasswords(sorted, texts);
  for (const finding of sorted) {
    if (!texts.has(finding.path)) unreadable.push(finding);
    else if (!encoded.has(finding.secret)) groups.set(finding.secret, [...(groups.get(finding.secret) ?? []), finding]);
  }
  const state = new PlanState(texts, groups);
  const byFile = occurrencesByFile(input.files, groups);

  const wholeFiles = new Map<string, Located>();
  for (const [path, occurrences] of byFile) {
    const only = occurrences[0] as Located;
    if (kinds.get(path) !== 'dotenv' && occurrences.length === 1 && isWholeFile(texts.get(path) as string, only))
      wholeFiles.set(path, only);
  }
  const userName = (findings: FixFinding[]) => findings.map((f) => input.names?.get(f.fingerprint)).find((name) => name !== undefined);

  const nameOf = new Map<string, string>();
  for (const [value, findings] of groups) {
    const chosen = userName(findings.filter((f) => !wholeFiles.has(f.path)));
    if (!chosen) continue;
    const first = findings[0] as FixFinding;
    const reason = book.claim(chosen, value, 'value', first, `${first.path}:${first.line}`, 'user');
    if (reason) for (const f of findings) state.refuse(f.path, f.start, `--name ${chosen}: ${reason}`);
    else nameOf.set(value, chosen);
  }

  const removals: FileRemoval[] = [];
  const dotenvMoves = new Map<string, DotenvMove[]>();
  const rewrites = new Map<string, Located[]>();
  const credentialFiles = new Map<string, Located[]>();
  const composed: ComposedLine[] = [];
  for (const path of [...byFile.keys()].sort()) {
    const text = texts.get(path) as string;
    const occurrences = byFile.get(path) as Located[];
    const whole = wholeFiles.get(path);
    if (whole) {
      const removal = planFileSecret(book, state, whole, text, userName(state.findingsIn(whole.value, path)));
      if (removal) removals.push(removal);
    } else if (kinds.get(path) === 'dotenv') {
      const moves = planDotenv(book, state, text, occurrences, composed);
      if (moves.length) dotenvMoves.set(path, moves);
    } else if (kinds.get(path) === 'aws-credentials') credentialFiles.set(path, occurrences);
    else rewrites.set(path, occurrences);
  }

  for (const [value, findings] of groups) {
    // A value several rules found is named by the one that knows its provider (github-pat over a curl command line).
    const first = findings.find((f) => f.provider !== undefined && f.envName !== undefined) ?? (findings[0] as FixFinding);
    if (!nameOf.has(value) && !findings.some((f) => state.refusedAt.get(`${f.path}\u0000${f.start}`)?.startsWith('--name'))) {
      nameOf.set(
        value,
        book.nameOfValue(value) ?? book.addUnique(baseNameFor(first.envName, value), value, 'value', first, `${first.path}:${first.line}`),
      );
    }
    const name = nameOf.get(value);
    if (!name) continue;
    for (const f of findings) {
      book.note(name, f);
      const connection = connectionTargetAt(texts.get(f.path) as string, f.start, f.end);
      if (connection) book.target(name, connection);
    }
  }
  planComposedLines(book, state, composed, nameOf, dotenvMoves);
  for (const [path, occurrences] of credentialFiles) {
    const removal = planCredentialFile(book, state, path, texts.get(path) as string, occurrences, nameOf, 'AWS_CREDENTIALS');
    if (removal) removals.push(removal);
  }

  const changes = new Map<string, FileChange>();
  const add = (change: FileChange) => {
    const current = changes.get(change.path);
    if (current) current.edits.push(...change.edits);
    else changes.set(change.path, change);
  };
  const show = (text: string) => maskValues(text, [...groups.keys(), ...book.all().map((e) => e.value)]);
  for (const [path, occurrences] of rewrites) {
    const change = planRewrite(book, state, path, texts.get(path) as string, kinds.get(path) as FileKind, occurrences, nameOf, show);
    if (change) add(change);
  }
  for (const change of planDotenvChanges(book, texts, dotenvMoves, show)) add(change);
  if (removals.length) {
    const text = texts.get(GITIGNORE);
    const present = new Set((text ?? '').split(/\r?\n/).map((line) => line.trim()));
    const missing = removals.map((r) => `/${r.path}`).filter((line) => !present.has(line) && !present.has(line.slice(1)));
    if (missing.length) add(appendLines(GITIGNORE, text, missing, '.gitignore: files moved into the store'));
  }

  book.prune();
  const refused: Refusal[] = unreadable.map((f) => ({
    path: f.path,
    line: f.line,
    ruleId: f.ruleId,
    redacted: redact(f.secret),
    reason: 'the file cannot be read as UTF-8 text',
  }));
  for (const f of sorted) {
    const reason = texts.has(f.path) ? encoded.get(f.secret) : undefined;
    if (reason) refused.push({ path: f.path, line: f.line, ruleId: f.ruleId, redacted: redact(f.secret), reason });
  }
  const fixedFingerprints: string[] = [];
  for (const [value, findings] of groups) {
    for (const f of findings) {
      const mine = (byFile.get(f.path) ?? []).filter((o) => o.value === value);
      const blocked = [...mine.map((o) => o.start), f.start]
        .map((start) => state.refusedAt.get(`${f.path}\u0000${start}`))
        .find((reason) => reason !== undefined);
      if (mine.length > 0 && mine.every((o) => state.isHandled(o)) && !blocked) fixedFingerprints.push(f.fingerprint);
      else refused.push({ path: f.path, line: f.line, ruleId: f.ruleId, redacted: redact(value), reason: blocked ?? notFoundReason(f) });
    }
  }
  const fixedValues = new Set(input.findings.filter((f) => fixedFingerprints.includes(f.fingerprint)).map((f) => sha256(f.secret)));
  const ordered = [...changes.values()].map((change) => ({ ...change, edits: [...change.edits].sort((a, b) => a.start - b.start) }));
  return { entries: book.all(), changes: ordered, removals, refused, fixedFingerprints, fixedValueSha256: [...fixedValues] };
}

/**
 * Values found in (or overlapping) a password written percent-encoded inside a connection string,
 * with the reason: every finding of such a value is refused, so no form of it is moved half way.
 */
function encodedPasswords(findings: FixFinding[], texts: ReadonlyMap<string, string>): Map<string, string> {
  const spansOf = new Map<string, Array<{ start: number; end: number }>>();
  const encoded = new Map<string, string>();
  for (const f of findings) {
    const text = texts.get(f.path);
    if (text === undefined || encoded.has(f.secret) || f.secret === '') continue;
    const spans = spansOf.get(f.path) ?? encodedPasswordSpans(text);
    spansOf.set(f.path, spans);
    if (spans.length === 0) continue;
    const places = [{ start: f.start, end: f.end }];
    for (let at = text.indexOf(f.secret); at !== -1; at = text.indexOf(f.secret, at + 1))
      places.push({ start: at, end: at + f.secret.length });
    if (places.some((place) => spans.some((span) => place.start < span.end && span.start < place.end)))
      encoded.set(f.secret, encodedPasswordReason(f.envName));
  }
  return encoded;
}

function notFoundReason(finding: FixFinding): string {
  if (finding.decodedFrom === 'base64')
    return 'the value is inside base64-encoded text; decode it, move the value out and encode it again by hand';
  return 'the value was not found where it was reported (the file changed since the scan?)';
}
