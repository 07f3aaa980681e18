import type { DotenvLine } from './dotenv-lines.js';
import type { EntryBook } from './plan-entries.js';
import type { DotenvMove } from './plan-moves.js';
import type { Located, PlanState } from './plan-state.js';
import { placeholder } from './references.js';
import { sha256 } from './text-edits.js';
import type { FileRemoval } from './types.js';

/**
 * Composed entries: where a secret sits inside a longer value the application reads whole (a
 * `.env` line holding a connection string, a credentials file), the store keeps the secret once
 * and the longer value as a template of it (`postgres://app:${DB_PASSWORD}@db/app`), composed at
 * run time by `unleak run` and `unleak render`. Rotating the secret's one entry changes every form.
 */

/** A `.env` line whose value holds secrets inside a longer value: it becomes a `composed` entry once the secrets are named. */
export interface ComposedLine {
  path: string;
  line: DotenvLine;
  occurrences: Located[];
}

/**
 * The template of a composed line: its value with each secret written `${NAME}` (and a `${` that
 * was already there escaped as `$${`). Undefined when a secret is not in the value as is (written
 * percent-encoded, say): composing would insert it differently.
 */
export function composeTemplate(value: string, names: ReadonlyMap<string, string>): string | undefined {
  let template = value.split('${').join('$${');
  for (const [secret, name] of [...names].sort((a, b) => b[0].length - a[0].length)) {
    if (!template.includes(secret)) return undefined;
    template = template.split(secret).join(placeholder(name));
  }
  return template;
}

/** Each composed line becomes an entry holding its template (no secret), and the line moves out of its `.env` file. */
export function planComposedLines(
  book: EntryBook,
  state: PlanState,
  composed: ComposedLine[],
  nameOf: ReadonlyMap<string, string>,
  dotenvMoves: Map<string, DotenvMove[]>,
): void {
  for (const c of composed) {
    const names = new Map<string, string>();
    for (const o of c.occurrences) {
      const name = nameOf.get(o.value);
      if (name) names.set(o.value, name);
    }
    const template = composeTemplate(c.line.value, names);
    let reason: string | undefined;
    if (names.size < new Set(c.occurrences.map((o) => o.value)).size) reason = 'no store entry could be named for this value';
    else if (template === undefined)
      reason = `the secret is percent-encoded in ${c.line.key}, so a template would insert it decoded; move the line by hand (unleak secrets set ${c.line.key})`;
    else reason = book.claim(c.line.key, template, 'composed', undefined, state.source(c.occurrences[0] as Located), 'dotenv');
    if (reason) {
      for (const o of c.occurrences) state.refuse(o.path, o.start, reason);
      continue;
    }
    const entry = book.get(c.line.key);
    if (entry) entry.composedOf = [...new Set([...(entry.composedOf ?? []), ...names.values()])];
    for (const name of new Set(names.values())) book.reference(name);
    for (const o of c.occurrences) state.handle(o);
    const moves = dotenvMoves.get(c.path) ?? [];
    if (!moves.some((m) => m.span.start === c.line.start)) moves.push({ line: c.line, span: { start: c.line.start, end: c.line.end } });
    dotenvMoves.set(c.path, moves);
  }
}

/**
 * A credentials file a program reads whole and never expands (an AWS shared credentials file):
 * it moves into the store as a `file` entry holding a template (each secret `${NAME}` of its own
 * entry), composed when `unleak run --file` or `unleak render` writes it back, and leaves the tree.
 */
export function planCredentialFile(
  book: EntryBook,
  state: PlanState,
  path: string,
  text: string,
  occurrences: Located[],
  nameOf: ReadonlyMap<string, string>,
  base: string,
): FileRemoval | undefined {
  const refuse = (reason: string) => {
    for (const o of occurrences) state.refuse(path, o.start, reason);
    return undefined;
  };
  if (occurrences.some((o) => !nameOf.has(o.value))) return refuse('no store entry could be named for this value');
  if (occurrences.some((o) => text.slice(o.start, o.end) !== o.value))
    return refuse(
      `the secret is written encoded in ${path}, so a template would insert it differently; move the file into the store by hand (unleak secrets set NAME < ${path})`,
    );
  let template = '';
  let at = 0;
  for (const o of occurrences) {
    template += `${text.slice(at, o.start).split('${').join('$${')}${placeholder(nameOf.get(o.value) as string)}`;
    at = o.end;
  }
  template += text.slice(at).split('${').join('$${');
  const name = book.addUnique(base, template, 'file', undefined, path);
  const entry = book.get(name);
  const names = [...new Set(occurrences.map((o) => nameOf.get(o.value) as string))];
  if (entry) Object.assign(entry, { filePath: path, composedOf: names });
  book.reference(name);
  for (const secret of names) book.reference(secret);
  for (const o of occurrences) state.handle(o);
  return { path, originalSha256: sha256(text), entry: name };
}
