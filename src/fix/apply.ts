import { join } from 'node:path';
import { UnleakError } from '../errors.js';
import type { FixFs } from './fix-fs.js';
import type { FixStore } from './fix-store.js';
import { Journal } from './journal.js';
import type { CheckResult, SyntaxChecker } from './syntax-check.js';
import { applyEdits, sha256 } from './text-edits.js';
import type { FixPlan } from './types.js';

/**
 * Applies a plan all or nothing. Every file it will touch and the store's files are recorded first
 * (in memory); then the store is written, the files are rewritten and removed, and each rewritten
 * file is parsed again. Any failure, including an abort (Ctrl-C), puts every file and the store
 * back as they were.
 */

/** The steps of an apply, in order; tests abort or fail at each one. */
export const APPLY_STEPS = ['snapshot', 'check-before', 'store', 'write', 'remove', 'check-after'] as const;
/** One step of an apply. */
export type ApplyStep = (typeof APPLY_STEPS)[number];

/** What an apply needs besides the plan. */
export interface ApplyOptions {
  /** Repository root; plan paths are relative to it. */
  root: string;
  fs: FixFs;
  store: FixStore;
  checker: SyntaxChecker;
  /** When set, the store is created (encrypted to this recipient) before the entries are written. */
  createStoreFor?: string;
  /** Aborting it (SIGINT) makes the apply roll back at the next step boundary. */
  signal?: AbortSignal;
  /** Called after each step completes (tests use it to abort or fail at that point). */
  afterStep?: (step: ApplyStep) => void | Promise<void>;
}

/** The parse check of one rewritten file: how it went before and after the rewrite. */
export interface FileCheck {
  path: string;
  before: CheckResult;
  after?: CheckResult;
}

/** What an apply did. */
export interface ApplyResult {
  checks: FileCheck[];
  storeCreated: boolean;
}

function stepError(step: ApplyStep, error: unknown): string {
  if (error instanceof UnleakError) return error.message;
  if ((error as Error)?.name === 'AbortError') return 'interrupted';
  const code = (error as NodeJS.ErrnoException)?.code;
  return `${step} failed${code ? ` (${code})` : ''}: ${(error as Error)?.message ?? String(error)}`;
}

/** Applies `plan`; on any failure restores everything and throws UNLEAK_FIX_ROLLED_BACK. */
export async function applyPlan(plan: FixPlan, options: ApplyOptions): Promise<ApplyResult> {
  const { fs, store, checker, root } = options;
  const journal = new Journal(fs);
  const abs = (path: string) => join(root, path);
  const result: ApplyResult = { checks: [], storeCreated: false };
  const newTexts = new Map<string, string>();
  let step: ApplyStep = 'snapshot';
  const done = async (finished: ApplyStep) => {
    options.signal?.throwIfAborted();
    await options.afterStep?.(finished);
    options.signal?.throwIfAborted();
  };
  try {
    options.signal?.throwIfAborted();
    for (const file of store.files()) await journal.snapshot(file);
    for (const change of plan.changes) await journal.snapshot(abs(change.path));
    for (const removal of plan.removals) await journal.snapshot(abs(removal.path));
    for (const change of plan.changes) {
      const original = journal.original(abs(change.path));
      const hash = original === undefined ? undefined : sha256(original);
      if (hash !== change.originalSha256) throw stale(change.path);
      newTexts.set(change.path, applyEdits(original?.toString('utf8') ?? '', change.edits));
    }
    for (const removal of plan.removals) {
      const original = journal.original(abs(removal.path));
      if (original === undefined || sha256(original) !== removal.originalSha256) throw stale(removal.path);
    }
    await done(step);

    step = 'check-before';
    for (const change of plan.changes) {
      const original = journal.original(abs(change.path));
      if (original !== undefined)
        result.checks.push({ path: change.path, before: await checker.check(change.path, original.toString('utf8')) });
    }
    await done(step);

    step = 'store';
    if (options.createStoreFor !== undefined) {
      await store.create(options.createStoreFor);
      result.storeCreated = true;
    }
    if (plan.entries.length) await store.write(plan.entries);
    await done(step);

    step = 'write';
    for (const change of plan.changes)
      await fs.write(abs(change.path), newTexts.get(change.path) as string, journal.mode(abs(change.path)));
    await done(step);

    step = 'remove';
    for (const removal of plan.removals) await fs.remove(abs(removal.path));
    await done(step);

    step = 'check-after';
    for (const check of result.checks) {
      if (check.before.status !== 'ok') continue;
      const written = await fs.read(abs(check.path));
      check.after = await checker.check(check.path, written?.data.toString('utf8') ?? '');
      if (check.after.status === 'failed')
        throw new UnleakError('UNLEAK_FIX_CHECK_FAILED', `${check.path} no longer parses after rewriting (${check.after.message})`);
    }
    await done(step);
    return result;
  } catch (error) {
    const failures = await journal.restore();
    const what = stepError(step, error);
    if (failures.length) {
      throw new UnleakError(
        'UNLEAK_FIX_RESTORE_FAILED',
        `${what}; and ${failures.length} file(s) could not be restored: ${failures.map((f) => `${f.path} (${f.message})`).join(', ')}`,
        {
          cause: error,
          hint: 'Check those files with `git diff` and `git checkout -- FILE`; the store file is restored from git the same way.',
        },
      );
    }
    throw new UnleakError('UNLEAK_FIX_ROLLED_BACK', `${what}; every file and the store were restored, nothing changed`, {
      cause: error,
      hint:
        what === 'interrupted'
          ? 'Run `unleak fix` again when ready.'
          : 'Fix the cause and run `unleak fix` again; `--dry-run` shows the plan without writing.',
    });
  }
}

function stale(path: string): UnleakError {
  return new UnleakError('UNLEAK_FIX_STALE', `${path} changed since the plan was made`, {
    hint: 'Run `unleak fix` again to plan from the current files.',
  });
}
