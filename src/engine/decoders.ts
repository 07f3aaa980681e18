import type { DecoderName } from './types.js';

/** A span of encoded text and what it decodes to. */
export interface EncodedSegment {
  start: number;
  end: number;
  decoded: string;
  decoder: DecoderName;
}

const MIN_BASE64_RUN = 16;
/** Decoded text shorter than this holds no secret: not worth a scan of its own. */
const MIN_DECODED_LENGTH = 8;
/**
 * For each UTF-16 code unit: 0 when it is not a base64 character; else 1, plus 2 for a digit,
 * `+` or `/` (base64 of text almost always holds one), plus 4 for a character that is not a hex
 * digit. A table of every code unit: a read has no branch on the character.
 */
const BASE64_CLASS = new Uint8Array(65536);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  const code = ch.charCodeAt(0);
  BASE64_CLASS[code] = 1 | (/[0-9+/]/.test(ch) ? 2 : 0) | (/[0-9a-fA-F]/.test(ch) ? 0 : 4);
}
/** `classes` of a run with a digit, `+` or `/` and a character that is not a hex digit. */
const SIGN_AND_NOT_HEX = 2 | 4;

/**
 * Maximal runs of base64 characters at least `min` long (each with up to two `=` after it),
 * found by probing every `min`-th character (`forEachBase64Run`): text between the runs and
 * words the probes miss is not read (a RegExp over the same text is several times slower).
 */
export function base64Runs(text: string, min = MIN_BASE64_RUN): [number, number][] {
  const runs: [number, number][] = [];
  forEachBase64Run(text, min, (start, end) => void runs.push([start, end]));
  return runs;
}

/**
 * Calls `onRun(start, end, classes)` for each run `base64Runs` lists, in order, without building
 * the list; `classes` is the or of the run's characters' BASE64_CLASS (padding not included).
 * Every run of `min` or more characters holds one of the probed offsets, which are `min` apart:
 * a probe on a base64 character reads its run back to its start, then the character `min - 1`
 * past that start: where it is not base64 the run is too short, as is any run starting before
 * it, and the next probe is `min` past it; else the run is read on to its end, and the next
 * probe is `min` past that. A probe on any other character moves `min` on. So the characters
 * read are at most those of the runs (or words) a probe falls in, each once.
 */
function forEachBase64Run(text: string, min: number, onRun: (start: number, end: number, classes: number) => void): void {
  const n = text.length;
  let probe = min - 1;
  while (probe < n) {
    let classes = BASE64_CLASS[text.charCodeAt(probe)] as number;
    if (classes === 0) {
      probe += min;
      continue;
    }
    let start = probe;
    while (start > 0) {
      const at = BASE64_CLASS[text.charCodeAt(start - 1)] as number;
      if (at === 0) break;
      classes |= at;
      start -= 1;
    }
    // A run of `min` from `start` needs the character at `start + min - 1`: where that one is not
    // base64 (most words of code), the run is short, and so is any run starting before it.
    const last = start + min - 1;
    if (last >= n) return;
    if (last > probe && BASE64_CLASS[text.charCodeAt(last)] === 0) {
      probe = last + min;
      continue;
    }
    let end = probe + 1;
    while (end < n) {
      const at = BASE64_CLASS[text.charCodeAt(end)] as number;
      if (at === 0) break;
      classes |= at;
      end += 1;
    }
    if (end - start >= min) {
      let padded = end;
      while (padded < n && padded - end < 2 && text.charCodeAt(padded) === 61) padded += 1;
      onRun(start, padded, classes);
    }
    probe = end + min;
  }
}

/** Bytes that are mostly printable: what a decoded secret or config looks like, not random bytes. */
function isMostlyPrintableBytes(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  let printable = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if ((byte >= 0x20 && byte < 0x7f) || byte === 9 || byte === 10 || byte === 13) printable += 1;
  }
  return printable / bytes.length >= 0.95;
}

const IS_HEX = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEF') IS_HEX[ch.charCodeAt(0)] = 1;
const isHexCode = (code: number): boolean => code < 128 && IS_HEX[code] === 1;

/**
 * Base64 of text almost always holds a digit, `+`, `/` or padding (a run of letters alone is a
 * word), and a run of hex digits alone is a hash: told by the classes of the run's characters,
 * and by its padding (`=`, neither a letter nor a hex digit) when it has some.
 */
const mayBeBase64Text = (text: string, end: number, classes: number): boolean =>
  text.charCodeAt(end - 1) === 61 || (classes & SIGN_AND_NOT_HEX) === SIGN_AND_NOT_HEX;

const BASE64_VALUE = new Int8Array(128).fill(-1);
for (const [value, ch] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries())
  BASE64_VALUE[ch.charCodeAt(0)] = value;
const isPrintableByte = (byte: number): boolean => (byte >= 0x20 && byte < 0x7f) || byte === 9 || byte === 10 || byte === 13;

/**
 * False when the run cannot decode to mostly printable bytes: its complete 4-character groups,
 * decoded in place (no Buffer), already hold a NUL or more than 5% of the largest possible
 * decoded length in unprintable bytes. Most base64-looking runs of code (paths, identifiers)
 * fail within the first groups; a run this lets through is decoded and judged in full as before.
 */
function mayDecodeToText(text: string, start: number, end: number): boolean {
  const allowed = Math.ceil(((end - start) * 3) / 4) * 0.05;
  let unprintable = 0;
  for (let at = start; at + 4 <= end; at += 4) {
    const a = BASE64_VALUE[text.charCodeAt(at)] as number;
    const b = BASE64_VALUE[text.charCodeAt(at + 1)] as number;
    const c = BASE64_VALUE[text.charCodeAt(at + 2)] as number;
    const d = BASE64_VALUE[text.charCodeAt(at + 3)] as number;
    if ((a | b | c | d) < 0) return true;
    unprintable +=
      unprintableWeight((a << 2) | (b >> 4)) + unprintableWeight(((b & 15) << 4) | (c >> 2)) + unprintableWeight(((c & 3) << 6) | d);
    if (unprintable > allowed) return false;
  }
  return true;
}

/** 0 for a printable byte, 1 for another, and more than any run's allowance for NUL (which rules a run out). */
const unprintableWeight = (byte: number): number => (byte === 0 ? Infinity : isPrintableByte(byte) ? 0 : 1);

/** Base64 runs (e.g. a Kubernetes Secret `data:` value) that decode to printable text. */
function base64Segments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  forEachBase64Run(text, MIN_BASE64_RUN, (start, end, classes) => {
    if ((end - start) % 4 === 1 || !mayBeBase64Text(text, end, classes) || !mayDecodeToText(text, start, end)) return;
    const bytes = Buffer.from(text.slice(start, end), 'base64');
    if (!isMostlyPrintableBytes(bytes)) return;
    const decoded = bytes.toString('utf8');
    if (!decoded.includes('\ufffd')) out.push({ start, end, decoded, decoder: 'base64' });
  });
  return out;
}

const isTokenBoundary = (ch: string | undefined): boolean => ch === undefined || /[\s"'`<>()[\]{},;]/.test(ch);

/** Percent-encoded runs (`%2D%2D%2D%2D%2DBEGIN…`) that decode to something different. */
function percentSegments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  let coveredTo = -1;
  // `%` found by indexOf (a fast search), its two hex digits checked by hand: a RegExp is several times slower.
  for (let at = text.indexOf('%'); at !== -1; at = text.indexOf('%', at + 1)) {
    if (at < coveredTo || !isHexCode(text.charCodeAt(at + 1)) || !isHexCode(text.charCodeAt(at + 2))) continue;
    let start = at;
    while (start > 0 && !isTokenBoundary(text[start - 1])) start -= 1;
    let end = at + 3;
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
    if (decoded !== run && decoded.length >= MIN_DECODED_LENGTH) out.push({ start, end, decoded, decoder: 'percent' });
  }
  return out;
}

/**
 * The first double quote at or after `from` not escaped by a backslash (an even run of `\\`
 * before it), or -1. Each backslash run is counted once, by the one quote that may follow it:
 * called with increasing `from`, linear time over the whole text.
 */
function nextUnescapedQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (at - backslashes > 0 && text.charCodeAt(at - backslashes - 1) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/**
 * JSON string literals with escapes (`"-----BEGIN…\nMIIE…"`), decoded as JSON does: for each
 * escape, the nearest unescaped quotes before and after it on its line. The quotes are found by a
 * cursor that only moves forward, as far as the escapes need (listing every quote first cost a
 * third of the decoders' time on a 4 MB bundle of 48,000 quotes), each line's ends found once, so
 * a long line of escapes outside any double-quoted string (minified JS: `'a\nb'`) costs linear
 * time, not a walk back per escape.
 */
function jsonEscapedSegments(text: string): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  // The unescaped quotes around the last escape looked at: the last before it and the first after it
  // (undefined: not looked for yet; most text with a backslash, a regex or a Windows path, has no escape).
  let open = -1;
  let close: number | undefined;
  // The line around the last escape looked at, found once per line with an escape (no list of every line end).
  let lineStart = -1;
  let lineEnd = -1;
  let coveredTo = -1;
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', at + 1)) {
    if (at < coveredTo) {
      at = coveredTo - 1;
      continue;
    }
    const length = jsonEscapeLength(text, at);
    if (length === 0) continue;
    if (close === undefined) {
      close = nextUnescapedQuote(text, 0);
      if (close === -1) return out;
    }
    while (close !== -1 && close < at) {
      open = close;
      close = nextUnescapedQuote(text, close + 1);
    }
    if (at > lineEnd) {
      lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1) lineEnd = text.length;
      lineStart = text.lastIndexOf('\n', at - 1);
    }
    if (open <= lineStart || close === -1 || close > lineEnd) {
      coveredTo = at + length;
      continue;
    }
    coveredTo = close + 1;
    try {
      const decoded = JSON.parse(text.slice(open, close + 1)) as string;
      if (decoded.length >= MIN_DECODED_LENGTH) out.push({ start: open + 1, end: close, decoded, decoder: 'json-escape' });
    } catch {
      // not a JSON string after all
    }
  }
  return out;
}

/** Length of the escape that makes a JSON string worth decoding (`\n`, `\/`, `\uXXXX`) at a backslash, 0 when there is none. */
function jsonEscapeLength(text: string, at: number): number {
  const next = text.charCodeAt(at + 1);
  if (next === 0x6e || next === 0x2f) return 2;
  if (next !== 0x75) return 0;
  for (let i = at + 2; i < at + 6; i++) if (!isHexCode(text.charCodeAt(i))) return 0;
  return 6;
}

/** Every encoded segment of a text that decodes to something worth scanning. */
export function findEncodedSegments(text: string): EncodedSegment[] {
  const segments = base64Segments(text);
  if (text.includes('%')) for (const segment of percentSegments(text)) segments.push(segment);
  if (text.includes('\\')) for (const segment of jsonEscapedSegments(text)) segments.push(segment);
  return segments;
}
