import type { Chunk, CompiledRule, CompiledRuleSet, Finding } from '../engine/index.js';
import { ruleAppliesToPath, scanChunk } from '../engine/scan.js';
import { threadTimings } from '../engine/timings.js';
import { applyInlineAllow, type Allowlist } from '../filters/index.js';
import { snippetMasker } from '../report/index.js';

/** What scanning one text needs: the compiled rules, the allowlist and the decode depth. */
export interface TextScanner {
  ruleSet: CompiledRuleSet;
  allowlist: Allowlist;
  maxDecodeDepth: number;
}

/**
 * Scans one chunk: engine, inline allow markers, config allowlist; fills each finding's masked
 * snippet. With `focus`, only findings overlapping those spans (see ScanOptions.focus).
 */
export function scanText(scanner: TextScanner, chunk: Chunk, focus?: readonly (readonly [number, number])[]): Finding[] {
  if (scanner.allowlist.allowsPath(chunk.origin.path)) return [];
  const found = scanChunk(chunk, scanner.ruleSet, { maxDecodeDepth: scanner.maxDecodeDepth, ...(focus ? { focus } : {}) });
  if (found.length === 0) return found;
  const timings = threadTimings();
  const started = timings ? performance.now() : 0;
  const kept = scanner.allowlist.filter(applyInlineAllow(found, chunk.text), chunk.text);
  const snippet = snippetMasker(chunk.text, found);
  for (const finding of kept) finding.snippet = snippet(finding);
  if (timings) timings.addPhase('filters', performance.now() - started);
  return kept;
}

/**
 * True when the same rules apply to every path of two blobs (`keyOf`: pathScanKey, cached or not):
 * their findings then differ only in `path`. One and the same path needs no key.
 */
export function sameRules(keyOf: (path: string) => string, paths: readonly string[], others: readonly string[]): boolean {
  const only = paths[0] as string;
  if (paths.length === 1 && others.length === 1 && others[0] === only) return true;
  const key = keyOf(only);
  return [...paths, ...others].every((path) => keyOf(path) === key);
}

/**
 * A key that is equal for two paths when a scan of the same text under either path finds the
 * same things: which rules run there, whether the allowlist skips it, and the file extension
 * (validators may look at it). One scan then serves every path of a blob with that key.
 */
export function pathScanKey(scanner: TextScanner, path: string): string {
  if (scanner.allowlist.allowsPath(path)) return 'allowlisted';
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  let key = dot > 0 ? base.slice(dot).toLowerCase() : '';
  key += ':';
  // Only the rules bound to paths can differ between two paths: every other one runs on both.
  const { rules, pathBound } = scanner.ruleSet;
  for (const index of pathBound) key += ruleAppliesToPath(rules[index] as CompiledRule, path) ? '1' : '0';
  return key;
}
