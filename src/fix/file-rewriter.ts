import { CodeFile, type RawEdit } from './code-rewriter.js';
import { dotenvAssignments } from './dotenv-lines.js';
import { isCodeLanguage, NOT_EXPANDED, type FileKind } from './file-kinds.js';
import { goOsImport, pythonOsImport } from './imports.js';
import { kubernetesRefusal, secretKeyRefEdit } from './kubernetes-env.js';
import { placeholder } from './references.js';
import { shellContextOf, shellRegions } from './shell-lexer.js';

/**
 * Rewrites the occurrences of secrets in one file (not a `.env` file, not a file that is itself a
 * secret) into references to store entries, as the file's kind wants them.
 */

/** An occurrence to rewrite, with the name of the entry it will reference. */
export interface NamedOccurrence {
  start: number;
  end: number;
  name: string;
}

/** The edits for a file, the import it needs, and the occurrences that could not be rewritten. */
export interface FileRewrite {
  edits: Array<RawEdit & { entry?: string }>;
  refused: Array<{ start: number; reason: string }>;
}

type OneRewrite = { edits: RawEdit[] } | { refused: string };

function shellRewrite(text: string, regions: ReturnType<typeof shellRegions>, occurrence: NamedOccurrence): OneRewrite {
  const { start, end, name } = occurrence;
  const ref = placeholder(name);
  const context = shellContextOf(regions, start, end);
  switch (context) {
    case 'single': {
      const opens = text[start - 1] === "'";
      const closes = text[end] === "'";
      const replacement = `${opens ? '' : "'"}"${ref}"${closes ? '' : "'"}`;
      return { edits: [{ start: opens ? start - 1 : start, end: closes ? end + 1 : end, replacement }] };
    }
    case 'ansi':
      return { edits: [{ start, end, replacement: `'"${ref}"$'` }] };
    case 'bare':
      return { edits: [{ start, end, replacement: `"${ref}"` }] };
    case 'double':
    case 'comment':
    case 'heredoc':
      return { edits: [{ start, end, replacement: ref }] };
    case 'heredoc-literal':
      return { refused: "the secret is in a quoted here-document (<<'EOF'), where nothing expands; replace it by hand" };
    default:
      return { refused: 'the secret straddles a quote; replace it by hand' };
  }
}

function exampleRewrite(text: string, occurrence: NamedOccurrence): OneRewrite {
  const line = dotenvAssignments(text).find((candidate) => candidate.start <= occurrence.start && occurrence.end <= candidate.end);
  const whole = line !== undefined && text.slice(occurrence.start, occurrence.end) === line.value;
  return { edits: [{ start: occurrence.start, end: occurrence.end, replacement: whole ? '' : placeholder(occurrence.name) }] };
}

function kubernetesRewrite(text: string, occurrence: NamedOccurrence): OneRewrite {
  const edit = secretKeyRefEdit(text, occurrence.start, occurrence.end, occurrence.name);
  return edit ? { edits: [edit] } : { refused: kubernetesRefusal(text) };
}

/** Why a secret in a config file whose reader does not expand `${NAME}` is left alone, and how to do it by hand. */
export function notExpandedReason(path: string): string {
  return `nothing expands \${NAME} in ${path}: make it a template (${path}.template with \${NAME} in place of the value, ${path} ignored by git) and write it before starting with unleak render ${path}.template --out ${path}`;
}

const overlaps = (a: RawEdit, b: RawEdit) => a.start < b.end && b.start < a.end;
const same = (a: RawEdit, b: RawEdit) => a.start === b.start && a.end === b.end && a.replacement === b.replacement;
const insertionsClash = (a: RawEdit, b: RawEdit) =>
  a.start === a.end && b.start === b.end && a.start === b.start && a.replacement !== b.replacement;

/** Rewrites every occurrence in `text` (the file `path`, of kind `kind`); occurrences must not overlap. */
export function rewriteFile(text: string, kind: FileKind, occurrences: NamedOccurrence[], path = 'the file'): FileRewrite {
  const result: FileRewrite = { edits: [], refused: [] };
  const code = isCodeLanguage(kind) ? new CodeFile(text, kind) : undefined;
  const regions = kind === 'shell' ? shellRegions(text) : [];
  let usesOs = false;
  for (const occurrence of occurrences) {
    let one: OneRewrite;
    if (code) one = code.rewrite(occurrence.start, occurrence.end, occurrence.name);
    else if (kind === 'shell') one = shellRewrite(text, regions, occurrence);
    else if (kind === 'dotenv-example') one = exampleRewrite(text, occurrence);
    else if (kind === 'kubernetes') one = kubernetesRewrite(text, occurrence);
    else if (NOT_EXPANDED.has(kind)) one = { refused: notExpandedReason(path) };
    else one = { edits: [{ start: occurrence.start, end: occurrence.end, replacement: placeholder(occurrence.name) }] };
    if ('refused' in one) {
      result.refused.push({ start: occurrence.start, reason: one.refused });
      continue;
    }
    const fresh = one.edits.filter((edit) => !result.edits.some((other) => same(edit, other)));
    if (fresh.some((edit) => result.edits.some((other) => overlaps(edit, other) || insertionsClash(edit, other)))) {
      result.refused.push({
        start: occurrence.start,
        reason: 'the rewrite would overlap another one in the same literal; replace it by hand',
      });
      continue;
    }
    result.edits.push(...fresh.map((edit) => ({ ...edit, entry: occurrence.name })));
    if ('usesOs' in one && one.usesOs) usesOs = true;
  }
  const osImport = usesOs ? (kind === 'python' ? pythonOsImport(text) : kind === 'go' ? goOsImport(text) : undefined) : undefined;
  if (osImport) result.edits.push(osImport);
  return result;
}
