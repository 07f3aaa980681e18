/** A secret shown safely: at most its first 4 and last 2 characters (fewer for short values). */
export function redact(secret: string): string {
  const value = secret.trim();
  if (value.length >= 16) return `${value.slice(0, 4)}…${value.slice(-2)}`;
  if (value.length >= 10) return `${value.slice(0, 2)}…${value.slice(-1)}`;
  return '…';
}

/** The first line of a finding with its secret replaced by the redacted form, cut to `width` characters. */
export function maskedSnippet(text: string, start: number, end: number, secret: string, width = 160): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(Math.max(lineStart, start - width), start);
  const after = end <= lineEnd ? text.slice(end, Math.min(lineEnd, end + width)) : '';
  const shown = `${before.trimStart()}${redact(secret.split('\n')[0] ?? secret)}${after}`.replace(/\r$/, '');
  return shown.length > width ? `${shown.slice(0, width - 1)}…` : shown;
}
