import { UnleakError } from '../errors.js';
import type { GitContext } from '../scan/index.js';
import { git } from '../sources/index.js';

/** Git in the Action's checkout (`cwd`, the workspace), with the step's environment and a log for what it fetches. */
export interface CheckoutGit extends GitContext {
  log: (line: string) => void;
}

const DEEPEN_STEPS = [50, 250, 1000];

/** The hint every missing-history error carries. */
export const FETCH_DEPTH_HINT = 'Set `fetch-depth: 0` on actions/checkout so the whole history is in the checkout.';

async function succeeds(ctx: CheckoutGit, args: string[]): Promise<boolean> {
  try {
    await git(args, ctx.cwd, { env: ctx.env });
    return true;
  } catch {
    return false;
  }
}

/** True when `rev` names a commit present in the checkout. */
export function hasCommit(ctx: CheckoutGit, rev: string): Promise<boolean> {
  return succeeds(ctx, ['cat-file', '-e', `${rev}^{commit}`]);
}

/** True when the checkout is shallow (fetched with a depth). */
export async function isShallow(ctx: CheckoutGit): Promise<boolean> {
  return (await git(['rev-parse', '--is-shallow-repository'], ctx.cwd, { env: ctx.env })).trim() === 'true';
}

/** The commit `rev` names, or undefined. */
export async function resolveCommit(ctx: CheckoutGit, rev: string): Promise<string | undefined> {
  try {
    return (await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], ctx.cwd, { env: ctx.env })).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Fetches from origin without tags; a failure is logged and reported as false, never thrown. */
export async function fetchOrigin(ctx: CheckoutGit, args: string[]): Promise<boolean> {
  try {
    await git(['fetch', '--no-tags', '--quiet', ...args], ctx.cwd, { env: ctx.env });
    return true;
  } catch (error) {
    ctx.log(`git fetch ${args.join(' ')} failed: ${(error as Error).message}`);
    return false;
  }
}

/** Fetches the commits of `revs` that the checkout lacks (only their tip when the checkout is shallow). */
export async function fetchMissing(ctx: CheckoutGit, revs: string[]): Promise<void> {
  const missing: string[] = [];
  for (const rev of revs) if (!(await hasCommit(ctx, rev))) missing.push(rev);
  if (missing.length === 0) return;
  ctx.log(`fetching ${missing.map((rev) => rev.slice(0, 12)).join(', ')} from origin`);
  await fetchOrigin(ctx, [...((await isShallow(ctx)) ? ['--depth=1'] : []), 'origin', ...missing]);
}

/**
 * Makes `base..head` exact in a shallow checkout: deepens the history of both until they share a
 * merge base (or the checkout is complete), then unshallows as a last resort. Throws with the
 * `fetch-depth: 0` hint when the history cannot be fetched.
 */
export async function connectHistory(ctx: CheckoutGit, base: string, head: string): Promise<void> {
  const connected = async () => !(await isShallow(ctx)) || (await succeeds(ctx, ['merge-base', base, head]));
  for (const step of DEEPEN_STEPS) {
    if (await connected()) return;
    ctx.log(
      `the checkout is shallow: fetching ${step} more commits to reach the merge base of ${base.slice(0, 12)} and ${head.slice(0, 12)}`,
    );
    if (!(await fetchOrigin(ctx, [`--deepen=${step}`, 'origin', base, head]))) break;
  }
  if (await connected()) return;
  ctx.log('the checkout is still shallow: fetching the complete history');
  if ((await fetchOrigin(ctx, ['--unshallow', 'origin', base, head])) && (await connected())) return;
  throw new UnleakError(
    'UNLEAK_SHALLOW_CLONE',
    `the shallow checkout lacks the history between ${base.slice(0, 12)} and ${head.slice(0, 12)}, and fetching it from origin failed; set fetch-depth: 0`,
    { hint: FETCH_DEPTH_HINT },
  );
}

/** Makes a shallow checkout complete for a full-history scan (all branches), or throws with the hint. */
export async function unshallowAll(ctx: CheckoutGit): Promise<void> {
  if (!(await isShallow(ctx))) return;
  ctx.log('the checkout is shallow: fetching the complete history of every branch');
  if ((await fetchOrigin(ctx, ['--unshallow', 'origin', '+refs/heads/*:refs/remotes/origin/*'])) && !(await isShallow(ctx))) return;
  throw new UnleakError(
    'UNLEAK_SHALLOW_CLONE',
    'a full-history scan needs the complete history, the checkout is shallow and fetching the rest from origin failed; set fetch-depth: 0',
    { hint: FETCH_DEPTH_HINT },
  );
}
