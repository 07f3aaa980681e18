import { UnleakError } from '../errors.js';
import { gitRun, type GitSpawnOptions, type RepoInfo } from '../sources/index.js';

const FETCH_HINT =
  'Fetch more history: `git fetch --deepen=<n>` or `git fetch --unshallow` (in GitHub Actions: actions/checkout with `fetch-depth: 0`).';

/** A parsed `--range`: the revisions to walk, as git log takes them. */
export interface ScanRange {
  base: string;
  head: string;
  /** `git log` revision arguments: `base..head` or `base...head`. */
  revArgs: string[];
}

/**
 * Parses `BASE..HEAD` (or `BASE...HEAD`; an empty side means HEAD) and checks that both ends are
 * commits here. A base missing from a shallow clone is UNLEAK_SHALLOW_CLONE, never a silent pass.
 */
export async function resolveRange(spec: string, repo: RepoInfo, git: GitSpawnOptions): Promise<ScanRange> {
  const match = /^(.*?)(\.\.\.?)(.*)$/.exec(spec);
  if (!match)
    throw new UnleakError('UNLEAK_USAGE', `--range takes BASE..HEAD, got "${spec}"`, {
      hint: 'For example: unleak scan --range origin/main..HEAD',
    });
  const base = match[1] || 'HEAD';
  const head = match[3] || 'HEAD';
  for (const rev of [base, head]) {
    const { code } = await gitRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], git);
    if (code === 0) continue;
    if (repo.shallow)
      throw new UnleakError('UNLEAK_SHALLOW_CLONE', `${rev} is not in this shallow clone, so the range ${spec} cannot be scanned`, {
        hint: FETCH_HINT,
      });
    throw new UnleakError('UNLEAK_BAD_REVISION', `unknown revision ${rev} in --range ${spec}`, {
      hint: 'Check the branch or commit name (and fetch it if it lives on a remote).',
    });
  }
  return { base, head, revArgs: [`${base}${match[2]}${head}`] };
}

/** The error for a range that walks into the edge of a shallow clone (its older commits are missing). */
export function shallowBoundaryError(spec: string, commit: string): UnleakError {
  return new UnleakError(
    'UNLEAK_SHALLOW_CLONE',
    `the range ${spec} reaches commit ${commit.slice(0, 12)} at the edge of this shallow clone, whose parents were not fetched`,
    { hint: FETCH_HINT },
  );
}
