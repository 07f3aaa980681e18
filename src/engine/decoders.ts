import type { DecoderName } from './types.js';

/** A span of encoded text and what it decodes to. */
export interface EncodedSegment {
  start: number;
  end: number;
  decoded: string;
  decoder: DecoderName;
}

const BASE64_RUN = /(?<![A-Za-z0-9+/=_-])(?:[A-Za-z0-9+/]{4}){4,16384}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/=_-])/g;

/** Text that is mostly printable: what a decoded secret or config looks like, not random bytes. */
function isMostlyPrintable(text: string): boolean {
  if (text.length < 8 || text.includes('\u0000') || text.includes('\ufffd')) return false;
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x20 && code < 0x7f) || code === 9 || code === 10 || code === 13 || code > 0xa0) printable += 1;
  }
  return printable / text.length >= 0.95;
}

/** Base64 runs (e.g. a Kubernetes Secret `data:` value) that decode to printable text. */
function base64Segments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  BASE64_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BASE64_RUN.exec(text)) !== null) {
    const run = m[0];
    if (!/[0-9+/=]/.test(run) && !/[A-Z].*[a-z]|[a-z].*[A-Z]/.test(run)) continue;
    const decoded = Buffer.from(run, 'base64').toString('utf8');
    if (isMostlyPrintable(decoded)) out.push({ start: m.index, end: m.index + run.length, decoded, decoder: 'base64' });
  }
  return out;
}

const isTokenBoundary = (ch: string | undefined): boolean => ch === undefined || /[\s"'`<>()[\]{},;]/.test(ch);

/** Percent-encoded runs (`%2D%2D%2D%2D%2DBEGIN…`) that decode to something different. */
function percentSegments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  const escape = /%[0-9A-Fa-f]{2}/g;
  let coveredTo = -1;
  let m: RegExpExecArray | null;
  while ((m = escape.exec(text)) !== null) {
    if (m.index < coveredTo) continue;
    let start = m.index;
    while (start > 0 && !isTokenBoundary(text[start - 1])) start -= 1;
    let end = m.index + 3;
    while (end < text.length && !isTokenBoundary(text[end])) end += 1;
    coveredTo = end;
    const run = text.slice(start, end);
    const decoded = run.replace(/(?:%[0-9A-Fa-f]{2})+/g, (bytes) => {
      try {
        return decodeURIComponent(bytes);
      } catch {
        return bytes;
      }
    });
    if (decoded !== run && decoded.length >= 8) out.push({ start, end, decoded, decoder: 'percent' });
  }
  return out;
}

/** The offset of the quote that opens (direction -1) or closes (+1) the string around `from`. */
function findQuote(text: string, from: number, direction: 1 | -1): number {
  for (let i = from; i >= 0 && i < text.length; i += direction) {
    const ch = text[i];
    if (ch === '\n') return -1;
    if (ch === '"') {
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes += 1;
      if (slashes % 2 === 0) return i;
    }
  }
  return -1;
}

/** JSON string literals with escapes (`"-----BEGIN…\nMIIE…"`), decoded as JSON does. */
function jsonEscapedSegments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  const escape = /\\(?:n|u[0-9A-Fa-f]{4}|\/)/g;
  let coveredTo = -1;
  let m: RegExpExecArray | null;
  while ((m = escape.exec(text)) !== null) {
    if (m.index < coveredTo) continue;
    const open = findQuote(text, m.index - 1, -1);
    const close = open === -1 ? -1 : findQuote(text, m.index + m[0].length, 1);
    if (close === -1) {
      coveredTo = m.index + m[0].length;
      continue;
    }
    coveredTo = close + 1;
    try {
      const decoded = JSON.parse(text.slice(open, close + 1)) as string;
      out.push({ start: open + 1, end: close, decoded, decoder: 'json-escape' });
    } catch {
      // not a JSON string after all
    }
  }
  return out;
}

/** Every encoded segment of a text that decodes to something worth scanning. */
export function findEncodedSegments(text: string): EncodedSegment[] {
  const segments = base64Segments(text);
  if (text.includes('%')) segments.push(...percentSegments(text));
  if (text.includes('\\')) segments.push(...jsonEscapedSegments(text));
  return segments;
}
