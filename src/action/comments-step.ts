import type { ScanResult } from '../report/index.js';
import { createGitHubClient, httpStatus } from './github-client.js';
import { hasCommit, type CheckoutGit } from './git-history.js';
import type { ActionInputs } from './inputs.js';
import { placeFindings, type Placement } from './pr-diff.js';
import { syncComments } from './review-comments.js';
import type { PullRequestInfo } from './scan-plan.js';
import { annotationCommand } from './workflow-commands.js';

/** What the comment step needs besides the scan result. */
export interface CommentsContext {
  inputs: ActionInputs;
  pullRequest: PullRequestInfo | undefined;
  /** `owner/repo` of the base repository (GITHUB_REPOSITORY). */
  repository: string | undefined;
  apiUrl: string;
  repoUrl: string | undefined;
  git: CheckoutGit;
  fetch?: typeof fetch;
  /** Writes one plain line to the step log (made safe: never read as a workflow command). */
  out: (line: string) => void;
  /** Writes one workflow command line, as built by workflow-commands.ts. */
  command: (line: string) => void;
}

/** How the comment step ended: a line for the summary, and an error that must fail the run. */
export interface CommentsResult {
  note: string | undefined;
  error: unknown;
}

async function placement(result: ScanResult, pr: PullRequestInfo, git: CheckoutGit): Promise<Placement> {
  if (!(await hasCommit(git, pr.baseSha)) || !(await hasCommit(git, pr.headSha))) return { inline: [], outside: [...result.findings] };
  return placeFindings(result.findings, git, pr.baseSha, pr.headSha);
}

function skipped(ctx: CommentsContext, why: string): CommentsResult {
  ctx.command(
    annotationCommand(
      'notice',
      `Pull request comments skipped: ${why}. Annotations, the job summary, the SARIF file and the exit status are unaffected.`,
      { title: 'unleak: no PR comments' },
    ),
  );
  return { note: `Pull request comments skipped: ${why}.`, error: undefined };
}

/**
 * Posts or updates the pull request's review and summary comments. A fork's read-only token, a
 * missing token, and any 403/404 from the API skip the comments with a notice; other API errors
 * come back as `error` so the run fails after its summary is written.
 */
export async function commentStep(result: ScanResult, ctx: CommentsContext): Promise<CommentsResult> {
  const pr = ctx.pullRequest;
  if (!pr || !ctx.inputs.comment) return { note: undefined, error: undefined };
  if (pr.fromFork) return skipped(ctx, 'the pull request comes from a fork, so its token is read-only');
  if (!ctx.inputs.githubToken) return skipped(ctx, 'no github-token input');
  const [owner, repo] = (ctx.repository ?? '').split('/');
  if (!owner || !repo) return skipped(ctx, 'GITHUB_REPOSITORY is not set');
  try {
    const octokit = createGitHubClient({
      baseUrl: ctx.apiUrl,
      token: ctx.inputs.githubToken,
      fetch: ctx.fetch,
      log: (line) => ctx.out(line),
    });
    const placed = await placement(result, pr, ctx.git);
    const outcome = await syncComments(octokit, { owner, repo, pullNumber: pr.number, headSha: pr.headSha }, placed, {
      rules: result.rules,
      repoUrl: ctx.repoUrl,
    });
    const line = `Pull request #${pr.number}: ${outcome.created} comment${outcome.created === 1 ? '' : 's'} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged; ${outcome.outside} finding${outcome.outside === 1 ? '' : 's'} outside the diff.`;
    ctx.out(`unleak: ${line}`);
    return { note: line, error: undefined };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403 || status === 404)
      return skipped(
        ctx,
        `GitHub answered ${status} (${(error as Error).message.split('\n')[0]}); give the workflow \`pull-requests: write\` permission`,
      );
    return { note: `Pull request comments failed: ${(error as Error).message.split('\n')[0]}`, error };
  }
}
