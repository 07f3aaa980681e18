import type { Finding } from '../engine/index.js';
import { redact } from '../report/index.js';

/**
 * The connection-string rules report the password alone (their secret group); a database check
 * needs the whole `scheme://user:password@host…`. It is rebuilt from the finding's line: the
 * masked snippet the scan made (the password shown as its redaction), or the file's line read
 * back (`unleak verify --report`). Anything ambiguous or cut off gives undefined, never a guess:
 * a wrong host would send the password somewhere else.
 */

/** Reads line `line` (1-based) of `path` as it was scanned; undefined when it cannot. */
export type LineReader = (path: string, line: number) => string | undefined;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The one `scheme://user:<placeholder>@host[/path][?query]` in `line`, with `secret` in place of the placeholder. */
export function connectionUrlIn(line: string, placeholder: string, secret: string): string | undefined {
  const pattern = new RegExp(
    `([a-z][a-z0-9+.-]*)://([^\\s'"<>@/?#:]*):${escape(placeholder)}@([^\\s'"<>/?#@,]+)(/[^\\s'"<>?#]*)?(\\?[^\\s'"<>#]*)?`,
    'gi',
  );
  const matches = [...line.matchAll(pattern)];
  if (matches.length !== 1) return undefined;
  const match = matches[0] as RegExpMatchArray;
  const end = (match.index ?? 0) + match[0].length;
  if (line.endsWith('…') && end >= line.length - 1) return undefined;
  return `${match[1]}://${match[2]}:${secret}@${match[3]}${match[4] ?? ''}${match[5] ?? ''}`;
}

/** The full connection string around a finding's password; undefined when it cannot be rebuilt safely. */
export function connectionUrlOf(finding: Finding, readLine?: LineReader): string | undefined {
  if (!finding.secret) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(finding.secret)) return finding.secret;
  const fromSnippet = finding.snippet ? connectionUrlIn(finding.snippet, redact(finding.secret), finding.secret) : undefined;
  if (fromSnippet) return fromSnippet;
  const line = finding.commit || !readLine ? undefined : readLine(finding.path, finding.line);
  return line ? connectionUrlIn(line, finding.secret, finding.secret) : undefined;
}
