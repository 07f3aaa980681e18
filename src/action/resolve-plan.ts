import { UnleakError } from '../errors.js';
import {
  FETCH_DEPTH_HINT,
  connectHistory,
  fetchMissing,
  fetchOrigin,
  hasCommit,
  isShallow,
  resolveCommit,
  unshallowAll,
  type CheckoutGit,
} from './git-history.js';
import type { ScanPlan } from './scan-plan.js';

/** A scan the checkout can run now: every commit it names is present. */
export type ResolvedScan =
  | { kind: 'range'; base: string; head: string; label: string }
  | { kind: 'history'; refs?: string[]; label: string }
  | { kind: 'files'; label: string }
  | { kind: 'none'; label: string };

const short = (sha: string) => sha.slice(0, 12);

async function requireCommit(ctx: CheckoutGit, sha: string, what: string): Promise<void> {
  if (await hasCommit(ctx, sha)) return;
  throw new UnleakError(
    'UNLEAK_SHALLOW_CLONE',
    `the checkout lacks the ${what} commit ${short(sha)} and fetching it from origin failed; set fetch-depth: 0`,
    { hint: FETCH_DEPTH_HINT },
  );
}

async function defaultBranchTip(ctx: CheckoutGit, branch: string): Promise<string | undefined> {
  const tracking = `refs/remotes/origin/${branch}`;
  const known = await resolveCommit(ctx, tracking);
  if (known) return known;
  ctx.log(`fetching the default branch ${branch} from origin`);
  await fetchOrigin(ctx, [...((await isShallow(ctx)) ? ['--depth=1'] : []), 'origin', `+refs/heads/${branch}:${tracking}`]);
  return resolveCommit(ctx, tracking);
}

async function newRefRequest(ctx: CheckoutGit, head: string, ref: string, defaultBranch: string | undefined): Promise<ResolvedScan> {
  await fetchMissing(ctx, [head]);
  await requireCommit(ctx, head, 'pushed');
  const onDefault = defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`;
  const base = defaultBranch && !onDefault ? await defaultBranchTip(ctx, defaultBranch) : undefined;
  if (!base) {
    await unshallowAll(ctx);
    return {
      kind: 'history',
      refs: [head],
      label: `every commit of ${ref} (${short(head)})${onDefault ? ', the default branch' : ': no default branch to compare with'}`,
    };
  }
  await connectHistory(ctx, base, head);
  return { kind: 'range', base, head, label: `the commits of ${ref} not on ${defaultBranch} (${short(base)}..${short(head)})` };
}

/**
 * Turns a plan into a request the scanner can run in this checkout, fetching what a shallow
 * checkout lacks. A force push whose old tip is gone scans the commits not on the default branch.
 */
export async function resolvePlan(plan: ScanPlan, ctx: CheckoutGit): Promise<ResolvedScan> {
  switch (plan.kind) {
    case 'none':
      return { kind: 'none', label: `nothing: ${plan.reason}` };
    case 'files':
      return { kind: 'files', label: 'the files of the checkout' };
    case 'history':
      await unshallowAll(ctx);
      return { kind: 'history', label: 'the full history of every branch' };
    case 'new-ref':
      return newRefRequest(ctx, plan.head, plan.ref, plan.defaultBranch);
    case 'range': {
      await fetchMissing(ctx, [plan.base, plan.head]);
      await requireCommit(ctx, plan.head, 'head');
      if (plan.forced && !(await hasCommit(ctx, plan.base))) {
        ctx.log(`the commit before the force push (${short(plan.base)}) is gone: scanning the commits not on the default branch`);
        return newRefRequest(ctx, plan.head, plan.ref ?? 'the pushed ref', plan.defaultBranch);
      }
      await requireCommit(ctx, plan.base, 'base');
      await connectHistory(ctx, plan.base, plan.head);
      return {
        kind: 'range',
        base: plan.base,
        head: plan.head,
        label: `the commits ${short(plan.base)}..${short(plan.head)}${plan.forced ? ' (force push: the new commits)' : ''}`,
      };
    }
  }
}
