import type { Chunk, DecoderName, Finding, Validation } from './types.js';
import type { CompiledRule, CompiledRuleSet } from './compile.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import { findEncodedSegments } from './decoders.js';
import { LineIndex } from './positions.js';

/** Options of one engine scan. */
export interface ScanOptions {
  /** How many layers of encoding to look through (base64 in JSON in …); 0 turns decoding off. */
  maxDecodeDepth?: number;
}

/** A candidate before positions are computed: spans are offsets into the chunk text. */
interface RawFinding {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  entropy: number;
  validation: Validation;
  decodedFrom?: DecoderName;
}

/** Decides whether one match is a secret of this rule; undefined when it is not. */
function judge(rule: CompiledRule, secret: string, match: string, path: string): { entropy: number; validation: Validation } | undefined {
  const entropy = shannonEntropy(secret);
  if (rule.spec.entropy !== undefined && entropy < rule.spec.entropy) return undefined;
  if (rule.allow.some((re) => re.test(secret) || re.test(match))) return undefined;
  const lower = secret.toLowerCase();
  if (rule.stopwords.some((word) => lower.includes(word))) return undefined;
  const result = rule.validator ? rule.validator({ secret, match, path }) : 'none';
  if (result === 'invalid') return undefined;
  if (result !== 'checksum-valid' && isPlaceholder(secret)) return undefined;
  return { entropy: Math.round(entropy * 1000) / 1000, validation: result };
}

function ruleAppliesToPath(rule: CompiledRule, path: string): boolean {
  if (rule.excludePaths.some((re) => re.test(path))) return false;
  return rule.onlyPaths.length === 0 || rule.onlyPaths.some((re) => re.test(path));
}

function scanText(text: string, path: string, ruleSet: CompiledRuleSet, depth: number): RawFinding[] {
  const found: RawFinding[] = [];
  for (const index of ruleSet.prefilter.candidates(text)) {
    const rule = ruleSet.rules[index] as CompiledRule;
    if (!ruleAppliesToPath(rule, path)) continue;
    for (const m of rule.matcher.matches(text)) {
      const secret = text.slice(m.secretStart, m.secretEnd);
      const verdict = judge(rule, secret, text.slice(m.start, m.end), path);
      if (verdict) found.push({ rule, start: m.secretStart, end: m.secretEnd, secret, ...verdict });
    }
  }
  if (depth > 0) {
    for (const segment of findEncodedSegments(text)) {
      for (const inner of scanText(segment.decoded, path, ruleSet, depth - 1)) {
        found.push({ ...inner, start: segment.start, end: segment.end, decodedFrom: inner.decodedFrom ?? segment.decoder });
      }
    }
  }
  return found;
}

const isGeneric = (rule: CompiledRule): boolean => rule.spec.tags?.includes('generic') ?? false;
const overlaps = (a: RawFinding, b: RawFinding): boolean => a.start < b.end && b.start < a.end;

/** Drops repeats (same rule, span and secret) and generic findings that a specific rule already reports. */
function dedupe(found: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  const unique = found.filter((f) => {
    const key = `${f.rule.spec.id}\u0000${f.start}\u0000${f.end}\u0000${f.secret}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const specific = unique.filter((f) => !isGeneric(f.rule));
  return unique.filter((f) => !isGeneric(f.rule) || !specific.some((s) => overlaps(s, f) || s.secret.includes(f.secret)));
}

/** Scans one chunk with a compiled rule set. Pure: no I/O, no clock. Findings are in text order. */
export function scanChunk(chunk: Chunk, ruleSet: CompiledRuleSet, options: ScanOptions = {}): Finding[] {
  const { text, origin } = chunk;
  const raw = dedupe(scanText(text, origin.path, ruleSet, options.maxDecodeDepth ?? 2));
  if (raw.length === 0) return [];
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
      ...(f.decodedFrom ? { decodedFrom: f.decodedFrom } : {}),
      ...(origin.commit ? { commit: origin.commit, author: origin.author, email: origin.email, date: origin.date, subject: origin.subject } : {}),
    };
  });
}
