import type { Chunk, Confidence, DecoderName, Finding, Validation } from './types.js';
import { findingConfidence, isFirebaseWebConfigKey } from './confidence.js';
import type { CompiledRule, CompiledRuleSet } from './compile.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import { findEncodedSegments } from './decoders.js';
import { LineIndex } from './positions.js';
import { SpanIndex } from './span-index.js';
import { yieldProximity } from './proximity.js';
import type { PatternMatch } from './matchers.js';
import { threadTimings, timingsNow, type Timings } from './timings.js';
import { mayHoldShape, type TextShape } from './text-shapes.js';

/** Options of one engine scan. */
export interface ScanOptions {
  /** How many layers of encoding to look through (base64 in JSON in …); 0 turns decoding off. */
  maxDecodeDepth?: number;
  /** Where to add per-rule and per-phase times (`--timings`); default: this thread's sink, when turned on. Absent: no clock reads. */
  timings?: Timings;
  /**
   * Only findings overlapping these spans of the text are wanted (offsets, ascending, not
   * overlapping): a history scan's lines that an older version of the file did not have. The
   * rest of the text is context: rules and decoders read the spans with the lines around them
   * (FOCUS_CONTEXT), not the whole text, so the cost follows the spans' size.
   */
  focus?: readonly (readonly [number, number])[];
}

/**
 * Context of focus spans: the lines read around them, before (a match may start up to this many
 * lines above its secret, e.g. a `[pypi]` section header above its `password =` line) and after;
 * and how far before those the prefilter looks for keywords that wake a rule whose lookbehind
 * reaches that far (a Kubernetes Secret's `data:` above many keys).
 */
export const FOCUS_CONTEXT = { linesBefore: 12, linesAfter: 2, lookbehindChars: 8192 } as const;

/** A candidate before positions are computed: spans are offsets into the chunk text. */
interface RawFinding {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  entropy: number;
  validation: Validation;
  confidence: Confidence;
  decodedFrom?: DecoderName;
}

/** Why a match is not a secret: `invalid` when the rule's validator rejected it (e.g. a bad checksum). */
type Rejection = 'filtered' | 'invalid';

/** Decides whether one match is a secret of this rule; a rejection when it is not. */
function judge(rule: CompiledRule, secret: string, match: string, path: string): { entropy: number; validation: Validation } | Rejection {
  const entropy = shannonEntropy(secret);
  if (rule.spec.entropy !== undefined && entropy < rule.spec.entropy) return 'filtered';
  if (rule.allow.some((re) => re.test(secret) || re.test(match))) return 'filtered';
  const lower = secret.toLowerCase();
  if (rule.stopwords.some((word) => lower.includes(word))) return 'filtered';
  const result = rule.validator ? rule.validator({ secret, match, path }) : 'none';
  if (result === 'invalid') return 'invalid';
  if (result !== 'checksum-valid' && isPlaceholder(secret)) return 'filtered';
  return { entropy: Math.round(entropy * 1000) / 1000, validation: result };
}

/** True when a rule runs on a path: none of its `excludePaths` matches, and one of its `paths` does when it has any. */
export function ruleAppliesToPath(rule: CompiledRule, path: string): boolean {
  if (rule.excludePaths.some((re) => re.test(path))) return false;
  return rule.onlyPaths.length === 0 || rule.onlyPaths.some((re) => re.test(path));
}

/** What one pass over a text yields: findings, and spans a specific rule's validator rejected. */
interface TextScan {
  found: RawFinding[];
  /** A generic rule must not report what a specific rule's validator proved is not its token (a bad checksum). */
  vetoed: { start: number; end: number }[];
}

/**
 * The lines holding the given offsets (ascending), each with the `before` lines above it, as
 * [start, end) spans in order; spans that share a line are merged into one.
 */
function linesAround(text: string, offsets: number[], before = 0): [number, number][] {
  const spans: [number, number][] = [];
  let coveredTo = -1;
  for (const offset of offsets) {
    if (offset < coveredTo) continue;
    let start = text.lastIndexOf('\n', offset - 1) + 1;
    for (let up = 0; up < before && start > 0; up++) start = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const last = spans[spans.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else spans.push([start, end]);
    coveredTo = end;
  }
  return spans;
}

/** Every match of a rule: over the whole text, only over the keyword lines of a line-scoped rule, or only at the keywords of a keyword-scoped one. */
function* ruleMatches(rule: CompiledRule, text: string, keywordOffsets: number[], regions: Regions | undefined): Iterable<PatternMatch> {
  // Focused, a rule scoped to its keywords whose keywords are all before the regions: nothing of it in the regions.
  if (regions && keywordOffsets.length === 0 && (rule.spec.scope === 'keyword' || rule.spec.scope === 'line') && rule.spec.keywords.length)
    return;
  if (rule.spec.scope === 'keyword' && keywordOffsets.length && rule.matcher.matchesAt) {
    yield* rule.matcher.matchesAt(text, keywordOffsets);
    return;
  }
  if (rule.spec.scope !== 'line' || keywordOffsets.length === 0) {
    if (!regions) yield* rule.matcher.matches(text);
    else for (const [start, end] of regions) yield* regionMatches(rule, text, start, end);
    return;
  }
  for (const [start, end] of linesAround(text, keywordOffsets, rule.spec.linesBefore)) {
    for (const m of rule.matcher.matches(text.slice(start, end))) {
      yield { start: m.start + start, end: m.end + start, secretStart: m.secretStart + start, secretEnd: m.secretEnd + start };
    }
  }
}

/** Spans [start, end) of a text that a focused scan reads: whole lines, ascending, not touching. */
type Regions = readonly (readonly [number, number])[];

/** The matches of a rule that start in [start, end): found in the text itself (lookbehinds see what lies before), never past `end`. */
function* regionMatches(rule: CompiledRule, text: string, start: number, end: number): Iterable<PatternMatch> {
  if (rule.matcher.matchesIn) {
    yield* rule.matcher.matchesIn(text, start, end);
    return;
  }
  for (const m of rule.matcher.matches(text.slice(start, end)))
    yield { start: m.start + start, end: m.end + start, secretStart: m.secretStart + start, secretEnd: m.secretEnd + start };
}

/** The focus spans widened to whole lines with FOCUS_CONTEXT lines around them, merged where they meet. */
export function focusRegions(text: string, focus: readonly (readonly [number, number])[]): [number, number][] {
  const regions: [number, number][] = [];
  for (const [from, to] of focus) {
    let start = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0;
    for (let up = 0; up < FOCUS_CONTEXT.linesBefore && start > 0; up++) start = start >= 2 ? text.lastIndexOf('\n', start - 2) + 1 : 0;
    let end = to;
    for (let down = 0; down <= FOCUS_CONTEXT.linesAfter && end < text.length; down++) {
      const newline = text.indexOf('\n', down === 0 ? end : end + 1);
      end = newline === -1 ? text.length : newline;
    }
    const last = regions[regions.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else regions.push([start, end]);
  }
  return regions;
}

/**
 * The prefilter's hits over the regions, offsets into the whole text; and, over the
 * FOCUS_CONTEXT.lookbehindChars before each region, the keywords of the rules whose lookbehind
 * reaches that far: each such rule then runs over the regions when one of its own keywords is
 * there (CompiledRuleSet.farReaching), not when another far-reaching rule's is (a JSON Secret's
 * `"secret"` is common in code, and woke the YAML rules, the costliest, over every region).
 */
function regionHits(ruleSet: CompiledRuleSet, text: string, regions: Regions): Map<number, number[]> {
  const hits = ruleSet.prefilter.hitsIn(text, regions);
  const far = ruleSet.farReaching;
  // A rule without keywords runs anyway; one with keywords runs when one of them is above a region.
  far.rules.forEach((index, i) => {
    if (far.ruleKeywords[i] === undefined && !hits.has(index)) hits.set(index, []);
  });
  const asleep = far.rules.filter((index) => !hits.has(index));
  if (asleep.length === 0 || far.keywords === undefined) return hits;
  let searchedTo = 0;
  for (const [start, end] of regions) {
    if (start > searchedTo) {
      const above = text.slice(Math.max(searchedTo, start - FOCUS_CONTEXT.lookbehindChars), start);
      if (far.keywords.test(above)) {
        far.rules.forEach((index, i) => {
          if (!hits.has(index) && (far.ruleKeywords[i] as RegExp).test(above)) hits.set(index, []);
        });
        if (asleep.every((index) => hits.has(index))) break;
      }
    }
    searchedTo = end;
  }
  return hits;
}

/** True when some [start, end) of `spans` (ascending) overlaps [from, to) (or holds `from`, for an empty span). */
function overlapsAny(spans: readonly (readonly [number, number])[], from: number, to: number): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((spans[mid] as readonly [number, number])[1] <= from) low = mid + 1;
    else high = mid;
  }
  const span = spans[low];
  return span !== undefined && span[0] < Math.max(to, from + 1);
}

function matchText(
  text: string,
  path: string,
  ruleSet: CompiledRuleSet,
  depth: number,
  timings: Timings | undefined,
  focus?: readonly (readonly [number, number])[],
): TextScan {
  const found: RawFinding[] = [];
  const vetoed: TextScan['vetoed'] = [];
  const prefilterStarted = timings ? timingsNow() : 0;
  const regions = focus ? focusRegions(text, focus) : undefined;
  const hits = regions ? regionHits(ruleSet, text, regions) : ruleSet.prefilter.hits(text);
  if (timings) timings.addPhase('prefilter', timingsNow() - prefilterStarted);
  // Whole-text shape tests (`requires:`), each run at most once per text when a rule needs it; timed as prefilter work.
  const shapes = new Map<TextShape, boolean>();
  for (const index of [...hits.keys()].sort((a, b) => a - b)) {
    const rule = ruleSet.rules[index] as CompiledRule;
    if (!ruleAppliesToPath(rule, path)) continue;
    const shape = rule.spec.requires;
    if (shape !== undefined) {
      let held = shapes.get(shape);
      if (held === undefined) {
        const shapeStarted = timings ? timingsNow() : 0;
        held = regions ? regions.some(([start, end]) => mayHoldShape(text.slice(start, end), shape)) : mayHoldShape(text, shape);
        shapes.set(shape, held);
        if (timings) timings.addPhase('prefilter', timingsNow() - shapeStarted);
      }
      if (!held) continue;
    }
    const ruleStarted = timings ? timingsNow() : 0;
    let judging = 0;
    for (const m of ruleMatches(rule, text, hits.get(index) ?? [], regions)) {
      const judgeStarted = timings ? timingsNow() : 0;
      const secret = text.slice(m.secretStart, m.secretEnd);
      const verdict = judge(rule, secret, text.slice(m.start, m.end), path);
      if (verdict === 'invalid' && !isGeneric(rule)) vetoed.push({ start: m.secretStart, end: m.secretEnd });
      else if (typeof verdict === 'object' && isFirebaseWebConfigKey(secret, text, m.secretStart))
        vetoed.push({ start: m.secretStart, end: m.secretEnd });
      else if (typeof verdict === 'object') {
        const confidence = findingConfidence({
          rule,
          secret,
          match: text.slice(m.start, m.end),
          validation: verdict.validation,
          text,
          secretStart: m.secretStart,
        });
        found.push({ rule, start: m.secretStart, end: m.secretEnd, secret, ...verdict, confidence });
      }
      if (timings) judging += timingsNow() - judgeStarted;
    }
    if (timings) addRuleTime(timings, rule.spec.id, timingsNow() - ruleStarted, judging);
  }
  if (depth > 0) {
    const decodeStarted = timings ? timingsNow() : 0;
    let nested = 0;
    for (const segment of regions ? regionSegments(text, regions) : findEncodedSegments(text)) {
      const innerStarted = timings ? timingsNow() : 0;
      const inner = dedupe(matchText(segment.decoded, path, ruleSet, depth - 1, timings), timings);
      if (timings) nested += timingsNow() - innerStarted;
      for (const f of inner) found.push({ ...f, start: segment.start, end: segment.end, decodedFrom: f.decodedFrom ?? segment.decoder });
    }
    if (timings) timings.addPhase('decoders', timingsNow() - decodeStarted - nested);
  }
  if (!focus) return { found, vetoed };
  return { found: found.filter((f) => overlapsAny(focus, f.start, f.end)), vetoed };
}

/** The encoded segments inside the regions, offsets into the whole text. */
function regionSegments(text: string, regions: Regions): ReturnType<typeof findEncodedSegments> {
  const segments: ReturnType<typeof findEncodedSegments> = [];
  for (const [start, end] of regions)
    for (const segment of findEncodedSegments(text.slice(start, end)))
      segments.push({ ...segment, start: segment.start + start, end: segment.end + start });
  return segments;
}

/** A rule's whole time goes to the rule; its phase split: matching under `rules`, judging the matches under `validators`. */
function addRuleTime(timings: Timings, ruleId: string, ms: number, judging: number): void {
  timings.addRule(ruleId, ms);
  timings.addPhase('rules', ms - judging);
  timings.addPhase('validators', judging);
}

const isGeneric = (rule: CompiledRule): boolean => rule.spec.tags?.includes('generic') ?? false;

/**
 * Drops repeats (same rule, span and secret), and generic findings at a location a specific
 * rule reports or whose validator rejected (a bad checksum). Only the same location counts: the
 * same value elsewhere, where no specific rule matched, is still reported by the generic rule.
 */
function dedupe({ found, vetoed }: TextScan, timings?: Timings): RawFinding[] {
  const started = timings ? timingsNow() : 0;
  const seen = new Set<string>();
  const unique = found.filter((f) => {
    const key = `${f.rule.spec.id}\u0000${f.start}\u0000${f.end}\u0000${f.secret}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const claimed = new SpanIndex([...unique.filter((f) => !isGeneric(f.rule)), ...vetoed]);
  const kept = yieldProximity(unique.filter((f) => !isGeneric(f.rule) || !claimed.overlaps(f.start, f.end)));
  if (timings) timings.addPhase('filters', timingsNow() - started);
  return kept;
}

/** Scans one chunk with a compiled rule set. Pure: no I/O, no clock. Findings are in text order. */
export function scanChunk(chunk: Chunk, ruleSet: CompiledRuleSet, options: ScanOptions = {}): Finding[] {
  const { text, origin } = chunk;
  const timings = options.timings ?? threadTimings();
  if (options.focus?.length === 0) return [];
  const raw = dedupe(matchText(text, origin.path, ruleSet, options.maxDecodeDepth ?? 2, timings, options.focus), timings);
  if (raw.length === 0) return [];
  const positionsStarted = timings ? timingsNow() : 0;
  try {
    return locate(raw, chunk);
  } finally {
    if (timings) timings.addPhase('positions', timingsNow() - positionsStarted);
  }
}

/** Report findings in text order, with line and column positions. */
function locate(raw: RawFinding[], { text, origin }: Chunk): Finding[] {
  const lines = new LineIndex(text);
  raw.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.spec.id.localeCompare(b.rule.spec.id));
  return raw.map((f): Finding => {
    const from = lines.position(f.start, origin.lineNumbers);
    const to = lines.position(f.end, origin.lineNumbers);
    const { spec } = f.rule;
    return {
      ruleId: spec.id,
      title: spec.title,
      severity: spec.severity,
      path: origin.path,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      start: f.start,
      end: f.end,
      secret: f.secret,
      entropy: f.entropy,
      validation: f.validation,
      confidence: f.confidence,
      ...(f.decodedFrom ? { decodedFrom: f.decodedFrom } : {}),
      ...(origin.commit
        ? { commit: origin.commit, author: origin.author, email: origin.email, date: origin.date, subject: origin.subject }
        : {}),
    };
  });
}
