import { UnleakError } from '../errors.js';
import type { ActionMode } from './inputs.js';

/** The parts of a webhook payload the Action reads (pull_request, push, merge_group). */
export interface EventPayload {
  before?: string;
  after?: string;
  ref?: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  number?: number;
  pull_request?: {
    number: number;
    base: { sha: string; ref: string; repo?: { full_name: string } | null };
    head: { sha: string; ref: string; repo?: { full_name: string; fork?: boolean } | null };
  };
  merge_group?: { base_sha: string; head_sha: string };
  repository?: { full_name?: string; default_branch?: string; master_branch?: string };
}

/** The pull request an event is about, when it is about one. */
export interface PullRequestInfo {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  /** The head comes from another repository: the token is read-only there. */
  fromFork: boolean;
}

/** What to scan, decided from the event and the mode; git work (fetching, resolving) comes later. */
export type ScanPlan =
  | { kind: 'range'; base: string; head: string; forced: boolean; defaultBranch: string | undefined; ref?: string }
  | { kind: 'new-ref'; head: string; ref: string; defaultBranch: string | undefined }
  | { kind: 'history' }
  | { kind: 'files' }
  | { kind: 'none'; reason: string };

const ZERO_SHA = /^0{40}$|^0{64}$/;
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/** The pull request of a `pull_request` or `pull_request_target` event. */
export function pullRequestOf(eventName: string, payload: EventPayload, repository: string | undefined): PullRequestInfo | undefined {
  const pr = payload.pull_request;
  if (!PULL_REQUEST_EVENTS.includes(eventName) || !pr) return undefined;
  const baseRepo = pr.base.repo?.full_name ?? repository;
  const headRepo = pr.head.repo?.full_name;
  return {
    number: pr.number ?? payload.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    fromFork:
      eventName === 'pull_request' &&
      (headRepo === undefined || (baseRepo !== undefined && headRepo.toLowerCase() !== baseRepo.toLowerCase())),
  };
}

function diffPlan(eventName: string, payload: EventPayload, repository: string | undefined): ScanPlan | undefined {
  const defaultBranch = payload.repository?.default_branch ?? payload.repository?.master_branch;
  const pr = pullRequestOf(eventName, payload, repository);
  if (pr) return { kind: 'range', base: pr.baseSha, head: pr.headSha, forced: false, defaultBranch };
  if (eventName === 'merge_group' && payload.merge_group)
    return { kind: 'range', base: payload.merge_group.base_sha, head: payload.merge_group.head_sha, forced: false, defaultBranch };
  if (eventName !== 'push') return undefined;
  const { before, after, ref } = payload;
  if (!after || !ref) throw new UnleakError('UNLEAK_ACTION_EVENT', 'the push event payload has no `after` or `ref`');
  if (payload.deleted || ZERO_SHA.test(after)) return { kind: 'none', reason: `${ref} was deleted; there are no new commits to scan` };
  if (!before || ZERO_SHA.test(before) || payload.created) return { kind: 'new-ref', head: after, ref, defaultBranch };
  return { kind: 'range', base: before, head: after, forced: Boolean(payload.forced), defaultBranch, ref };
}

/**
 * Decides what to scan. `auto`: a pull request's commits from base to head, a push's
 * `before..after` (a new branch: its commits not on the default branch), anything else the full
 * history. `diff` requires an event with commits; `history` and `files` ignore the event.
 */
export function planScan(mode: ActionMode, eventName: string, payload: EventPayload, repository?: string): ScanPlan {
  if (mode === 'files') return { kind: 'files' };
  if (mode === 'history') return { kind: 'history' };
  const plan = diffPlan(eventName, payload, repository);
  if (plan) return plan;
  if (mode === 'diff')
    throw new UnleakError(
      'UNLEAK_ACTION_EVENT',
      `mode diff needs a pull_request, push or merge_group event, not ${eventName || 'no event'}`,
      { hint: 'Use mode: history (or auto) for scheduled and manual runs.' },
    );
  return { kind: 'history' };
}
