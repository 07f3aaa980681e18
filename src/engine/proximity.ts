import type { PatternMatch, PatternMatcher } from './matchers.js';
import { shannonEntropy } from './entropy.js';
import { looksLikeLiteralSecret } from './validators/literal-secret.js';
import { meaningfulWords, nameWords } from './validators/generic-secret.js';
import { SpanIndex } from './span-index.js';
import { pairedValue, sectionBody, sectionHeader } from './vendor-sections.js';

/**
 * The vendor-keyword proximity detector: a vendor name and a bare key word (`key`, `token`,
 * `secret`, `apikey`, `id`) assigned a 16–64 character opaque value, in the shapes the long tail
 * of leaks takes: `coinapi_key: "…"`, `"fmfw_key": "…"`, `[DEBUG] Using adzuna KEY=…`,
 * `iexapis token = '…'`, `hubspot token - '…'`, `new HubSpotAPI("…")`. It runs on the lines
 * where the keyword prefilter saw a vendor name, one linear pass per line, and on the lines of
 * the section or env entry such a line opens (`stripe:` / `  secret: …`, `- name: STRIPE_KEY` /
 * `value: …`; see vendor-sections.ts).
 */

/** How sure a proximity match is: the vendor in the name itself, or only nearby. */
export type ProximityConfidence = 'medium' | 'low';

/** A matcher that can also say how sure each of its matches is. */
export interface ProximityMatcher extends PatternMatcher {
  /** The confidence of a match this matcher made, from its text and its secret. */
  confidenceOf(match: string, secret: string): ProximityConfidence;
}

/** Last words of a name that make it a credential; `id` only right after the vendor name. */
const KEY_WORDS = new Set([
  'key',
  'token',
  'secret',
  'apikey',
  'id',
  'accesskey',
  'secretkey',
  'accesstoken',
  'apitoken',
  'authtoken',
  'authkey',
  'appkey',
  'appsecret',
  'clientsecret',
  'pat',
]);
/** Compact (one-word) names ending in a key word: `coinapikey`, `hubspottoken`. */
const KEY_ENDINGS = ['apikey', 'apitoken', 'accesstoken', 'authtoken', 'secretkey', 'accesskey', 'token', 'secret', 'key'];
/** Words between the vendor and the key word that keep the name a credential's (`adzuna_app_key`, `IEX_API_TOKEN`). */
const QUALIFIERS = new Set([
  'api',
  'app',
  'access',
  'auth',
  'client',
  'consumer',
  'secret',
  'private',
  'server',
  'account',
  'user',
  'bearer',
  'oauth',
  'x',
  'rest',
  'live',
  'prod',
  'sdk',
  'license',
  'master',
  'integration',
  'bot',
  'service',
  'admin',
  'dev',
]);
/** Words that make a key-sounding name something public or not a credential at all. */
const DENY = new Set([
  'public',
  'publishable',
  'pub',
  'site',
  'sitekey',
  'customer',
  'product',
  'price',
  'plan',
  'order',
  'invoice',
  'event',
  'request',
  'trace',
  'span',
  'cache',
  'partition',
  'primary',
  'foreign',
  'sort',
  'index',
  'map',
  'hash',
  'lookup',
  'idempotency',
  'cursor',
  'next',
  'csrf',
  'xsrf',
  'field',
  'label',
  'column',
  'type',
  'name',
  'url',
  'uri',
  'endpoint',
  'host',
  'region',
  'version',
  'example',
  'sample',
  'dummy',
  'fake',
  'mock',
  'placeholder',
  'measurement',
  'tracking',
  'pixel',
  'property',
  'container',
  'tag',
  'page',
  'channel',
]);
/** Vendor spellings in code add these to the name: `HubSpotAPI`, `iexcloud`, `mailgun_js`. */
const VENDOR_SUFFIXES = new Set([
  '',
  'api',
  'apis',
  'io',
  'app',
  'apps',
  'cloud',
  'client',
  'hq',
  'js',
  'sdk',
  'ai',
  'inc',
  'dev',
  'com',
  'v1',
  'v2',
  'v3',
]);

/** Keys that vendors publish in web pages by design: PostHog project keys, publishable keys (`pk_`, `pk.`), `pub_`/`public_` keys. */
const PUBLIC_BY_DESIGN = /^(?:phc_|pk_|pk\.|pub_|public_|publishable_)/i;
const IN_VALUE = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.~') IN_VALUE[ch.charCodeAt(0)] = 1;
const MIN_VALUE = 16;
const MAX_LINE = 4000;
const LOOKBACK = 120;

/** A vendor table: is a (lower-case, alphanumeric) word a vendor's name, maybe with an API suffix? */
export class VendorNames {
  private readonly names: Set<string>;
  private readonly longest: number;

  constructor(names: Iterable<string>) {
    this.names = new Set([...names].map((name) => name.toLowerCase()).filter((name) => /^[a-z0-9]{3,}$/.test(name)));
    this.longest = Math.max(3, ...[...this.names].map((name) => name.length));
  }

  /** True when `word` is a vendor name, or one followed by a spelling suffix (`hubspotapi`). */
  isVendor(word: string): boolean {
    if (this.names.has(word)) return true;
    for (let length = Math.min(word.length - 1, this.longest); length >= 4; length--) {
      if (VENDOR_SUFFIXES.has(word.slice(length)) && this.names.has(word.slice(0, length))) return true;
    }
    return false;
  }

  /** True when the words, alone or run together (`Hub`, `Spot` → `hubspot`), hold a vendor name. */
  inWords(words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      let joined = '';
      for (let j = i; j < words.length && j < i + 3; j++) {
        joined += words[j];
        if (this.isVendor(joined)) return true;
      }
    }
    return false;
  }
}

/** A value that can be a vendor's opaque key: 16–64 characters, mixed classes, random, not a word, hash, UUID or path. */
export function isOpaqueValue(value: string, named: 'key' | 'token' | 'id'): boolean {
  return mayBeOpaqueValue(value) && looksLikeLiteralSecret(value, { hexKey: named === 'key' });
}

/** The part of `isOpaqueValue` that does not depend on what the value is named: tested before the name is read. */
function mayBeOpaqueValue(value: string): boolean {
  if (value.length < 16 || value.length > 64 || PUBLIC_BY_DESIGN.test(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /\d/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!letters || !(digits || (mixedCase && value.length >= 20))) return false;
  return shannonEntropy(value) >= 3.3;
}

interface NameAt {
  name: string;
  start: number;
  quoted: boolean;
}

/** The identifier ending at `end` (optionally in quotes or followed by `]`), read backwards. */
function nameBefore(line: string, end: number): NameAt | undefined {
  let i = end;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  let quoted = false;
  if (i > 0 && /["'`\]]/.test(line[i - 1] as string)) {
    quoted = line[i - 1] !== ']';
    i--;
  }
  const stop = i;
  while (i > 0 && /[A-Za-z0-9_.$-]/.test(line[i - 1] as string) && stop - i < 60) i--;
  const name = line.slice(i, stop).replace(/^[.$-]+/, '');
  if (!/[A-Za-z]/.test(name)) return undefined;
  return { name, start: stop - name.length, quoted };
}

/** The separator before a value's opening quote: `=`, `:`, `:=`, `=>`, `->`, ` - `, `(` or a call comma; its start. */
function separatorBefore(line: string, valueStart: number): { kind: 'assign' | 'call' | 'comma'; start: number } | undefined {
  let i = valueStart;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  const before = line.slice(Math.max(0, i - 2), i);
  if (before.endsWith(':=') || before.endsWith('=>') || before.endsWith('->')) return { kind: 'assign', start: i - 2 };
  const ch = line[i - 1];
  if (ch === '=' || ch === ':') return { kind: 'assign', start: i - 1 };
  if (ch === '-' && i < valueStart && line[i - 2] === ' ') return { kind: 'assign', start: i - 1 };
  if (ch === '(') return { kind: 'call', start: i - 1 };
  if (ch === ',') return { kind: 'comma', start: i - 1 };
  return undefined;
}

/** The key word a name ends in, and the words before it; undefined when the name is not a credential's. */
function keyOf(words: string[]): { key: string; before: string[] } | undefined {
  const last = words.at(-1);
  if (!last) return undefined;
  if (KEY_WORDS.has(last)) return { key: last, before: words.slice(0, -1) };
  if (words.length !== 1) return undefined;
  const ending = KEY_ENDINGS.find((end) => last.length > end.length + 2 && last.endsWith(end));
  return ending ? { key: ending, before: [last.slice(0, -ending.length)] } : undefined;
}

const kindOf = (key: string): 'key' | 'token' | 'id' => (key === 'id' ? 'id' : /key|secret/.test(key) ? 'key' : 'token');

interface Verdict {
  start: number;
  confidence: ProximityConfidence;
  kind: 'key' | 'token' | 'id';
}

/** Elements that hold a credential, as a Jenkins credentials file writes them: `<secret>{adzuna AQAAABAAA …}</secret>`. */
const CREDENTIAL_ELEMENT = /<(?:secret|token|password|apikey|api_key|apitoken|key)>\{?([^<>{}]{0,60})$/i;

/**
 * A value after a space, with no separator: the vendor and a key word just before it, in prose
 * (`a fmfw secret …`, `adzuna key …`), or the vendor inside a credential element. Always `low`.
 */
function judgeSpaced(line: string, openAt: number, vendors: VendorNames): Verdict | undefined {
  if (!/[ \t]/.test(line[openAt - 1] ?? '')) return undefined;
  const from = Math.max(0, openAt - LOOKBACK);
  const before = line.slice(from, openAt);
  const element = CREDENTIAL_ELEMENT.exec(before);
  if (element && vendors.inWords(nameWords(element[1] as string))) return { start: from + element.index, confidence: 'low', kind: 'token' };
  const tail = /(?:[A-Za-z0-9_.-]+[ \t]+){2,3}$/.exec(before);
  if (!tail) return undefined;
  const tokens = tail[0]
    .trim()
    .split(/[ \t]+/)
    .map((token) => token.toLowerCase());
  const key = tokens.at(-1) as string;
  if (!KEY_WORDS.has(key)) return undefined;
  const kind = kindOf(key);
  if (!vendors.inWords(nameWords(tokens.slice(kind === 'id' ? -2 : 0, -1).join(' ')))) return undefined;
  return { start: from + tail.index, confidence: 'low', kind };
}

/** Decides whether the text before a value names a vendor's credential; where the match starts. */
function judgeContext(line: string, valueStart: number, quote: string, vendors: VendorNames): Verdict | undefined {
  const openAt = quote ? valueStart - 1 : valueStart;
  const sep = separatorBefore(line, openAt);
  if (!sep) return judgeSpaced(line, openAt, vendors);
  if ((sep.kind === 'call' || sep.kind === 'comma') && !quote) return undefined;
  const at = nameBefore(line, sep.start);
  if (!at) return undefined;
  const words = meaningfulWords(at.name);
  if (sep.kind === 'call') {
    if (!vendors.inWords(words) || words.some((word) => DENY.has(word))) return undefined;
    return { start: at.start, confidence: 'low', kind: 'token' };
  }
  if (sep.kind === 'comma' && !at.quoted) return undefined;
  const key = keyOf(words);
  if (!key || key.before.some((word) => DENY.has(word))) return undefined;
  const kind = kindOf(key.key);
  const vendorWords = key.before.filter((word) => !QUALIFIERS.has(word));
  if (vendorWords.length > 0) {
    if (!vendors.inWords(key.before)) return undefined;
    if (kind === 'id' && key.before.some((word) => QUALIFIERS.has(word))) return undefined;
    return { start: at.start, confidence: kind === 'id' ? 'low' : 'medium', kind };
  }
  if (kind === 'id' && key.before.length > 0) return undefined;
  const context = line.slice(Math.max(0, at.start - LOOKBACK), at.start);
  const nearby = nameWords(context).slice(kind === 'id' ? -1 : -3);
  if (!vendors.inWords(nearby)) return undefined;
  const vendorAt = Math.max(0, at.start - LOOKBACK) + context.search(/[A-Za-z0-9_.-]*$/);
  return { start: Math.min(vendorAt, at.start), confidence: 'low', kind };
}

/**
 * The runs `/[A-Za-z0-9_\-+/.~]{16,}={0,2}/g` finds in a line, as [start, end) spans, found by
 * probing every 16th character instead of trying the RegExp at every offset (which reads each
 * short word again from each of its letters).
 */
export function* valueRuns(line: string): Iterable<[number, number]> {
  const runs = valueRunList(line);
  for (let k = 0; k < runs.length; k += 2) yield [runs[k] as number, runs[k + 1] as number];
}

/** The runs `valueRuns` finds, as one flat list of starts and ends (no generator, no pair per run). */
function valueRunList(line: string): number[] {
  const runs: number[] = [];
  const n = line.length;
  const inValue = (at: number): boolean => {
    const code = line.charCodeAt(at);
    return code < 128 && IN_VALUE[code] === 1;
  };
  let i = 0;
  while (i + MIN_VALUE <= n) {
    const probe = i + MIN_VALUE - 1;
    if (!inValue(probe)) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && inValue(start - 1)) start -= 1;
    let end = probe + 1;
    while (end < n && inValue(end)) end += 1;
    if (end - start < MIN_VALUE) {
      i = end + 1;
      continue;
    }
    let stop = end;
    while (stop < n && stop - end < 2 && line.charCodeAt(stop) === 61) stop += 1;
    runs.push(start, stop);
    i = stop;
  }
  return runs;
}

/** Judges the text before a value on a line: does it name a vendor's credential? */
type Judge = (line: string, valueStart: number, quote: string, vendors: VendorNames) => Verdict | undefined;

/**
 * A member of a section a vendor's name opens (`stripe:` / `  secret: …`): a name of key words
 * and qualifiers only (`key`, `api_key`, `secret_token`; not `id`), at the start of its line.
 */
const judgeMember: Judge = (line, valueStart, quote) => {
  const sep = separatorBefore(line, quote ? valueStart - 1 : valueStart);
  if (!sep || sep.kind !== 'assign') return undefined;
  const at = nameBefore(line, sep.start);
  if (!at || !/^[ \t]*(?:-[ \t]+)?["']?$/.test(line.slice(0, at.start))) return undefined;
  const key = keyOf(meaningfulWords(at.name));
  if (!key || key.key === 'id' || !key.before.every((word) => QUALIFIERS.has(word) && !DENY.has(word))) return undefined;
  // Vendors issue section secrets as hex too (a Twilio `auth_token`, a Pusher `secret`): judged as keys.
  return { start: at.start, confidence: 'medium', kind: 'key' };
};

/**
 * A cheap test before the section and pair readers, on the line [start, end) of `text`: a line
 * ending in `:`, `{` or `]` (before blanks and a `\r`), holding `: #` or `: &` (blanks between),
 * or a `name:` entry (`- name:`, `"name" :`, any case). What
 * `/[:{\]][ \t]*\r?$|:[ \t]+[#&]|^[ \t]*(?:-[ \t]+)?"?name"?[ \t]*:/i` tests, read by hand: no slice, no RegExp.
 */
export function mayOpenStructure(text: string, start: number, end: number): boolean {
  let last = end - 1;
  if (last >= start && text.charCodeAt(last) === 13) last -= 1;
  while (last >= start && isBlank(text.charCodeAt(last))) last -= 1;
  if (last >= start) {
    const code = text.charCodeAt(last);
    if (code === 58 || code === 123 || code === 93) return true;
  }
  // A colon, blanks and `#` or `&`: read within the line (an indexOf would search past its end, on every line of a text without colons).
  for (let colon = start; colon < end; colon++) {
    if (text.charCodeAt(colon) !== 58) continue;
    let at = colon + 1;
    while (at < end && isBlank(text.charCodeAt(at))) at += 1;
    if (at > colon + 1 && at < end && (text.charCodeAt(at) === 35 || text.charCodeAt(at) === 38)) return true;
  }
  let at = start;
  while (at < end && isBlank(text.charCodeAt(at))) at += 1;
  if (at + 1 < end && text.charCodeAt(at) === 45 && isBlank(text.charCodeAt(at + 1))) {
    at += 1;
    while (at < end && isBlank(text.charCodeAt(at))) at += 1;
  }
  if (at < end && text.charCodeAt(at) === 34) at += 1;
  if (end - at < 4 || text.slice(at, at + 4).toLowerCase() !== 'name') return false;
  at += 4;
  if (at < end && text.charCodeAt(at) === 34) at += 1;
  while (at < end && isBlank(text.charCodeAt(at))) at += 1;
  return at < end && text.charCodeAt(at) === 58;
}

const isBlank = (code: number): boolean => code === 32 || code === 9;

/**
 * True when the line [start, end) of `text` holds a run of 16 or more value characters, the
 * least `lineMatches` needs to yield anything: the runs `valueRuns` finds, without a slice.
 */
function holdsValueRun(text: string, start: number, end: number): boolean {
  const inValue = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code < 128 && IN_VALUE[code] === 1;
  };
  // Every run of MIN_VALUE characters holds one of the probed offsets (a step of MIN_VALUE).
  for (let probe = start + MIN_VALUE - 1; probe < end;) {
    if (!inValue(probe)) {
      probe += MIN_VALUE;
      continue;
    }
    let from = probe;
    while (from > start && probe - from < MIN_VALUE && inValue(from - 1)) from -= 1;
    let to = probe + 1;
    while (to < end && to - from < MIN_VALUE && inValue(to)) to += 1;
    if (to - from >= MIN_VALUE) return true;
    probe = to + MIN_VALUE;
  }
  return false;
}

/** Matches in the section a line opens when its header names a vendor (`stripe:`, `[mailgun]`); offsets within `text`. */
function* sectionMatches(text: string, lineStart: number, lineEnd: number, vendors: VendorNames): Iterable<PatternMatch> {
  const header = sectionHeader(text.slice(lineStart, lineEnd).replace(/\r$/, ''));
  if (!header) return;
  const words = meaningfulWords(header.name);
  if (!vendors.inWords(words) || words.some((word) => DENY.has(word))) return;
  for (const [start, end] of sectionBody(text, lineEnd, header)) {
    for (const m of lineMatches(text.slice(start, end), vendors, judgeMember)) {
      yield { start: lineStart + header.nameStart, end: m.end + start, secretStart: m.secretStart + start, secretEnd: m.secretEnd + start };
    }
  }
}

/**
 * The value of a name / value pair whose name names a vendor's key (`- name: STRIPE_KEY` and
 * `value: …` on the line below or, value first, above), judged as `STRIPE_KEY: …`; offsets within `text`.
 */
function* pairMatches(text: string, lineStart: number, lineEnd: number, vendors: VendorNames): Iterable<PatternMatch> {
  const pair = pairedValue(text, lineStart, lineEnd);
  if (!pair) return;
  const head = `${pair.name}: `;
  const shift = pair.valueStart - head.length;
  for (const m of lineMatches(head + text.slice(pair.valueStart, pair.valueEnd), vendors)) {
    if (m.secretStart < head.length) continue;
    // The match spans both lines (name and value), whichever comes first.
    yield {
      start: Math.min(lineStart, pair.valueStart),
      end: Math.max(lineEnd, m.end + shift),
      secretStart: m.secretStart + shift,
      secretEnd: m.secretEnd + shift,
    };
  }
}

/** Characters that may follow a value written without quotes. */
const ENDS_BARE_VALUE = /[\s,;&)}\]]/;
const isAsciiAlnum = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** No match: what most lines give, without an array of their own. */
const NONE: readonly PatternMatch[] = Object.freeze([]);

/** Every proximity match on one line (offsets within the line). A plain function, not a generator: most lines have none. */
function lineMatches(line: string, vendors: VendorNames, judge: Judge = judgeContext): readonly PatternMatch[] {
  if (line.length > MAX_LINE) return NONE;
  let found: PatternMatch[] | undefined;
  const runs = valueRunList(line);
  for (let k = 0; k < runs.length; k += 2) {
    const start = runs[k] as number;
    let trimmed = runs[k + 1] as number;
    while (trimmed > start && (line.charCodeAt(trimmed - 1) === 46 || line.charCodeAt(trimmed - 1) === 44)) trimmed -= 1;
    // What stands around the value: a quote before it must close after it; a bare value follows no letter or digit and ends the line or a clause.
    const previous = line.charCodeAt(start - 1);
    const quoted = previous === 34 || previous === 39 || previous === 96;
    if (quoted) {
      if (line.charCodeAt(trimmed) !== previous) continue;
    } else if (isAsciiAlnum(previous) || (trimmed < line.length && !ENDS_BARE_VALUE.test(line[trimmed] as string))) continue;
    let value = line.slice(start, trimmed);
    const quote = quoted ? (line[start - 1] as string) : '';
    // The value's own tests first (most runs of code are words or paths): the name is read only before a value that may be a key.
    if (!mayBeOpaqueValue(value)) continue;
    const verdict = judge(line, start, quote, vendors);
    if (!verdict || !isOpaqueValue(value, verdict.kind)) continue;
    value = line.slice(start, start + value.length);
    (found ??= []).push({
      start: verdict.start,
      end: start + value.length + quote.length,
      secretStart: start,
      secretEnd: start + value.length,
    });
  }
  return found ?? NONE;
}

/** The matches on one line of `text`, and in the section or name / value pair the line opens. A plain function: most lines have none. */
function matchesFromLine(text: string, lineStart: number, lineEnd: number, vendors: VendorNames): readonly PatternMatch[] {
  // Most lines a vendor name wakes hold no value and open nothing: two reads of the line, no slice.
  const valueHere = lineEnd - lineStart <= MAX_LINE && holdsValueRun(text, lineStart, lineEnd);
  const structure = mayOpenStructure(text, lineStart, lineEnd);
  if (!valueHere && !structure) return NONE;
  let found: PatternMatch[] | undefined;
  if (valueHere) {
    for (const m of lineMatches(text.slice(lineStart, lineEnd), vendors)) {
      (found ??= []).push({
        start: m.start + lineStart,
        end: m.end + lineStart,
        secretStart: m.secretStart + lineStart,
        secretEnd: m.secretEnd + lineStart,
      });
    }
  }
  if (structure) {
    for (const m of sectionMatches(text, lineStart, lineEnd, vendors)) (found ??= []).push(m);
    for (const m of pairMatches(text, lineStart, lineEnd, vendors)) (found ??= []).push(m);
  }
  return found ?? NONE;
}

/** The detector as a rule matcher: `vendors` is the vocabulary its keywords and the rule files give. */
export function vendorProximityMatcher(vendorNames: Iterable<string>): ProximityMatcher {
  const vendors = new VendorNames(vendorNames);
  return {
    *matches(text) {
      let lineStart = 0;
      while (lineStart <= text.length) {
        const newline = text.indexOf('\n', lineStart);
        const lineEnd = newline === -1 ? text.length : newline;
        yield* matchesFromLine(text, lineStart, lineEnd, vendors);
        if (newline === -1) break;
        lineStart = newline + 1;
      }
    },
    /** The matches on the lines that hold a keyword (a vendor name), and in the sections those lines open. */
    *matchesAt(text, offsets) {
      let doneTo = -1;
      for (const at of offsets) {
        if (at <= doneTo) continue;
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        const newline = text.indexOf('\n', at);
        const lineEnd = newline === -1 ? text.length : newline;
        yield* matchesFromLine(text, lineStart, lineEnd, vendors);
        doneTo = lineEnd;
      }
    },
    confidenceOf(match, secret) {
      // A section member (`stripe:` / `  secret: …`) or a name / value pair: the vendor names the key.
      if (match.includes('\n')) return 'medium';
      const valueStart = match.lastIndexOf(secret);
      const previous = match[valueStart - 1] ?? '';
      const quote = /["'`]/.test(previous) ? previous : '';
      return judgeContext(match, valueStart, quote, vendors)?.confidence ?? 'low';
    },
  };
}

/**
 * Drops proximity findings on a span another rule reports (`ADZUNA_API_KEY=…` is the generic
 * API-key rule's): a guess never doubles a finding. Spans are the secrets' offsets.
 */
export function yieldProximity<T extends { rule: { spec: { detector?: string } }; start: number; end: number }>(findings: T[]): T[] {
  const isGuess = (finding: T): boolean => finding.rule.spec.detector === 'vendor-proximity';
  if (!findings.some(isGuess)) return findings;
  const claimed = new SpanIndex(findings.filter((finding) => !isGuess(finding)));
  return findings.filter((finding) => !isGuess(finding) || !claimed.overlaps(finding.start, finding.end));
}
