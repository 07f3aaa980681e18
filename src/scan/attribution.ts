import type { Finding } from '../engine/index.js';
import { fingerprintOf } from '../filters/index.js';
import { compareText } from './git-result.js';
import type { CommitMeta } from './intro-index.js';

/** A finding placed in history: the commit (walk index) that introduced it, and which blob-at-path (or message) held it. */
export interface Candidate {
  commit: number;
  /** Identifies the place: `<blob>\0<path>` or `msg\0<commit>`; counts where else a secret appears. */
  place: string;
  finding: Finding;
}

/** Copies a finding with the provenance of a commit (or tag); empty fields (a lightweight tag has no tagger) are left out. */
export function withCommit(finding: Finding, meta: CommitMeta): Finding {
  const out: Finding = { ...finding, commit: meta.oid, subject: meta.subject };
  if (meta.author) out.author = meta.author;
  if (meta.email) out.email = meta.email;
  if (meta.date) out.date = meta.date;
  return out;
}

/**
 * Turns candidates into the reported findings. History (`perCommit` false): one finding per
 * fingerprint (rule, path, secret), at the earliest commit. Range: one per commit and
 * fingerprint. Each finding counts the other places (blob versions, paths, messages) holding
 * the same secret. Sorted by commit (oldest first), path, line, column, rule: the same output
 * whatever order the workers finished in.
 */
export function attribute(candidates: readonly Candidate[], options: { perCommit: boolean }): Finding[] {
  const places = new Map<string, Set<string>>();
  for (const { finding, place } of candidates) {
    const seen = places.get(finding.secret) ?? new Set<string>();
    seen.add(place);
    places.set(finding.secret, seen);
  }
  const chosen = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const { finding } = candidate;
    const key = `${options.perCommit ? `${candidate.commit}\u0000` : ''}${fingerprintOf(finding.ruleId, finding.path, finding.secret)}`;
    const best = chosen.get(key);
    if (!best || compareCandidates(candidate, best) < 0) chosen.set(key, candidate);
  }
  return [...chosen.values()].sort(compareCandidates).map(({ finding }) => {
    const others = (places.get(finding.secret)?.size ?? 1) - 1;
    return others > 0 ? { ...finding, otherOccurrences: others } : finding;
  });
}

function compareCandidates(a: Candidate, b: Candidate): number {
  const x = a.finding;
  const y = b.finding;
  return (
    a.commit - b.commit ||
    compareText(x.path, y.path) ||
    x.line - y.line ||
    x.column - y.column ||
    compareText(x.ruleId, y.ruleId) ||
    compareText(a.place, b.place)
  );
}
