import type { Finding } from '../engine/index.js';
import { git } from '../sources/index.js';
import type { CheckoutGit } from './git-history.js';

/** Undoes git's C-style quoting of a path (`"a\tb"`), leaving unquoted paths as they are. */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(escapes[next] ?? next, 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The lines each file gains, by path in the new version, from a `git diff --unified=0 --no-prefix` text. */
export function parseAddedLines(diff: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  let inHeader = false;
  let next = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      inHeader = true;
      current = undefined;
    } else if (inHeader && line.startsWith('+++ ')) {
      const path = line.slice(4);
      if (path === '/dev/null') current = undefined;
      else {
        const name = unquotePath(path);
        current = added.get(name) ?? new Set<number>();
        added.set(name, current);
      }
    } else if (line.startsWith('@@')) {
      inHeader = false;
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      next = match ? Number(match[1]) : 0;
    } else if (!inHeader && current) {
      if (line.startsWith('+')) current.add(next++);
      else if (line.startsWith(' ')) next++;
    }
  }
  return added;
}

/** A finding placed on a line of the pull request's head that the pull request adds. */
export interface InlinePlacement {
  finding: Finding;
  line: number;
}

/** Where a pull request's findings can be commented: on an added line of the head, or not. */
export interface Placement {
  inline: InlinePlacement[];
  outside: Finding[];
}

async function headFile(ctx: CheckoutGit, head: string, path: string): Promise<string[] | undefined> {
  try {
    return (await git(['cat-file', 'blob', `${head}:${path}`], ctx.cwd, { env: ctx.env })).split('\n');
  } catch {
    return undefined;
  }
}

function lineAtHead(finding: Finding, lines: string[], head: string): number | undefined {
  const needle = finding.secret.split('\n')[0] ?? finding.secret;
  if (needle && lines[finding.line - 1]?.includes(needle)) return finding.line;
  let best: number | undefined;
  lines.forEach((text, index) => {
    if (needle && text.includes(needle) && (best === undefined || Math.abs(index + 1 - finding.line) < Math.abs(best - finding.line)))
      best = index + 1;
  });
  if (best !== undefined) return best;
  return finding.decodedFrom && (!finding.commit || finding.commit === head) ? finding.line : undefined;
}

/**
 * Places each finding on the line of the head that holds its secret, when the pull request
 * (`base...head`, as GitHub diffs it) adds that line; every other finding is outside the diff.
 */
export async function placeFindings(findings: Finding[], ctx: CheckoutGit, base: string, head: string): Promise<Placement> {
  const diff = await git(
    ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--unified=0', '--no-prefix', `${base}...${head}`],
    ctx.cwd,
    { env: ctx.env },
  );
  const added = parseAddedLines(diff);
  const files = new Map<string, string[] | undefined>();
  const placement: Placement = { inline: [], outside: [] };
  for (const finding of findings) {
    const addedHere = added.get(finding.path);
    if (!addedHere) {
      placement.outside.push(finding);
      continue;
    }
    if (!files.has(finding.path)) files.set(finding.path, await headFile(ctx, head, finding.path));
    const lines = files.get(finding.path);
    const line = lines ? lineAtHead(finding, lines, head) : undefined;
    if (line !== undefined && addedHere.has(line)) placement.inline.push({ finding, line });
    else placement.outside.push(finding);
  }
  return placement;
}
