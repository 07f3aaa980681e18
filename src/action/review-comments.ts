import type { Octokit } from '@octokit/rest';
import type { Finding, RuleSpec } from '../engine/index.js';
import { httpStatus } from './github-client.js';
import {
  SUMMARY_MARKER,
  fingerprint,
  legacyMarkerFingerprint,
  markerFingerprint,
  reviewCommentBody,
  settledCommentBody,
  summaryCommentBody,
} from './comment-bodies.js';
import type { RepoUrl } from './finding-rows.js';
import type { Placement } from './pr-diff.js';

/** More review comments than this on one run go to the summary comment (GitHub rate-limits bursts of writes). */
export const MAX_REVIEW_COMMENTS = 30;

/** The pull request comments go to. */
export interface PullRequestTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
}

/** What the comment sync did. */
export interface CommentOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Findings reported in the summary comment instead of on a line. */
  outside: number;
}

interface Existing {
  id: number;
  body: string;
}

async function ourReviewComments(octokit: Octokit, target: PullRequestTarget): Promise<Map<string, Existing>> {
  const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  const ours = new Map<string, Existing>();
  for (const comment of all) {
    const print = markerFingerprint(comment.body);
    if (print && !ours.has(print)) ours.set(print, { id: comment.id, body: comment.body });
  }
  return ours;
}

async function ourSummaryComment(octokit: Octokit, target: PullRequestTarget): Promise<Existing | undefined> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.pullNumber,
    per_page: 100,
  });
  const found = all.find((comment) => comment.body?.includes(SUMMARY_MARKER));
  return found ? { id: found.id, body: found.body ?? '' } : undefined;
}

/**
 * Brings the pull request's comments in line with the findings: one review comment per finding on
 * the line that adds it (created once, then edited in place on later runs), one summary comment
 * for the rest, and earlier comments whose finding moved or went away edited to say so.
 */
export async function syncComments(
  octokit: Octokit,
  target: PullRequestTarget,
  placement: Placement,
  context: { rules: RuleSpec[]; repoUrl: RepoUrl },
): Promise<CommentOutcome> {
  const { owner, repo, pullNumber: pull_number, headSha } = target;
  const outcome: CommentOutcome = { created: 0, updated: 0, unchanged: 0, outside: 0 };
  const existing = await ourReviewComments(octokit, target);
  const outside: Finding[] = [...placement.outside];
  const commented = new Set<string>();
  const edit = async (comment: Existing, body: string, kind: 'review' | 'issue' = 'review') => {
    if (comment.body === body) {
      outcome.unchanged += 1;
      return;
    }
    if (kind === 'review') await octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: comment.id, body });
    else await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body });
    outcome.updated += 1;
  };
  for (const { finding, line } of placement.inline) {
    const print = fingerprint(finding);
    if (commented.has(print)) continue;
    const body = reviewCommentBody(
      finding,
      context.rules.find((rule) => rule.id === finding.ruleId),
      headSha,
    );
    const legacy = legacyMarkerFingerprint(finding);
    const previous = existing.get(print) ?? existing.get(legacy);
    if (previous) {
      await edit(previous, body);
      commented.add(print);
      commented.add(legacy);
      continue;
    }
    if (outcome.created >= MAX_REVIEW_COMMENTS) {
      outside.push(finding);
      continue;
    }
    try {
      await octokit.rest.pulls.createReviewComment({
        owner,
        repo,
        pull_number,
        commit_id: headSha,
        path: finding.path,
        line,
        side: 'RIGHT',
        body,
      });
      outcome.created += 1;
      commented.add(print);
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      outside.push(finding);
    }
  }
  const outsidePrints = new Set(outside.flatMap((finding) => [fingerprint(finding), legacyMarkerFingerprint(finding)]));
  for (const [print, comment] of existing)
    if (!commented.has(print)) await edit(comment, settledCommentBody(print, outsidePrints.has(print), headSha));
  const summary = await ourSummaryComment(octokit, target);
  if (outside.length || summary) {
    const body = summaryCommentBody(outside, context.repoUrl, headSha);
    if (summary) await edit(summary, body, 'issue');
    else {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: pull_number, body });
      outcome.created += 1;
    }
  }
  outcome.outside = outside.length;
  return outcome;
}
