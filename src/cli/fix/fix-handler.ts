import { resolve } from 'node:path';
import { EXIT_CLEAN, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import {
  alignToTree,
  applyPlan,
  defaultChecker,
  filterFindings,
  nodeFixFs,
  planFix,
  readReport,
  readTreeFiles,
  renderPlan,
  repositoryStore,
  scanWorkingTree,
  type ApplyOptions,
  type ApplyResult,
  type FixFs,
  type FixStore,
  type PlanInput,
  type SyntaxChecker,
} from '../../fix/index.js';
import { resolveRepoRoot, type StoreAccess } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { appliedText, nextStepsText, proofText } from './fix-output.js';
import { askNames, parseNameOptions } from './fix-names.js';
import { ensureIdentity, fixStoreSetup } from './fix-store-setup.js';
import { Interrupts } from './interrupts.js';
import { Prompter } from './prompts.js';

/** Options of `unleak fix` as commander parses them. */
export interface FixCliOptions {
  report?: string;
  rule?: string[];
  path?: string[];
  fingerprint?: string[];
  name?: string[];
  env?: string;
  config?: string;
  /** Findings in this baseline are left alone (default: `.unleak-baseline.json` at the repository root, as `unleak scan`). */
  baseline?: string;
  git: boolean;
  dryRun?: boolean;
  yes?: boolean;
}

/** What tests replace: the file system, the parse checker, the store, a hook after each apply step. */
export interface FixDeps {
  fs: FixFs;
  checker: SyntaxChecker;
  store: (access: StoreAccess) => FixStore;
  afterStep?: ApplyOptions['afterStep'];
}

const realDeps: FixDeps = { fs: nodeFixFs, checker: defaultChecker, store: repositoryStore };

/** `unleak fix`: scan (or read a report), plan, print the plan, apply it all or nothing, prove it with a re-scan. */
export async function fixHandler(options: FixCliOptions, io: CliIo, overrides: Partial<FixDeps> = {}): Promise<number> {
  const deps = { ...realDeps, ...overrides };
  const root = await resolveRepoRoot(io.cwd, io.env);
  const config = options.config ? resolve(io.cwd, options.config) : undefined;
  const baseline = options.baseline ? resolve(io.cwd, options.baseline) : undefined;
  const input = options.report
    ? await readReport(options.report, io.cwd, root, { config })
    : await scanWorkingTree(root, { config, baseline, noGit: !options.git, env: io.env });
  for (const note of input.notes) io.stderr(`unleak: note: ${note}\n`);
  const selected = filterFindings(input.findings, options);
  let names = parseNameOptions(options.name ?? [], selected, io);
  if (selected.length === 0) {
    io.stdout(`unleak fix: nothing to fix (${input.findings.length ? 'no finding matches the filters' : 'no secrets found'}).\n`);
    return input.notes.length && options.report ? EXIT_FINDINGS : EXIT_CLEAN;
  }
  const setup = await fixStoreSetup(root, options.env, io);
  let store = deps.store(setup.access);
  const storeExists = await store.exists();
  const existing = await store.existing();
  const tree = await readTreeFiles(root, [...new Set(selected.map((f) => f.secret))], {
    noGit: !options.git,
    env: io.env,
    maxFileSize: input.setup.maxFileSize,
  });
  for (const note of tree.notes) io.stderr(`unleak: note: ${note}\n`);
  const findings = alignToTree(selected, tree.files);
  const planInput: PlanInput = { findings, files: tree.files, existing, names };
  let plan = planFix(planInput);
  const prompter = new Prompter(io);
  const interrupts = new Interrupts();
  let result: ApplyResult;
  try {
    if (io.stdinIsTty && !options.yes && !options.dryRun) {
      names = await askNames(plan, names, prompter, io);
      plan = planFix({ ...planInput, names });
    }
    if (options.yes && !options.dryRun) interrupts.arm();
    const identityNote =
      !storeExists && setup.lookup.identities.length === 0 ? `none found; a new one will be generated at ${setup.identityPath}` : undefined;
    io.stdout(
      renderPlan(plan, {
        storeLabel: store.label,
        newStore: !storeExists,
        recipient: storeExists ? undefined : setup.lookup.identities[0]?.recipient,
        identityNote,
        envFlag: setup.envFlag,
      }),
    );
    if (options.dryRun) {
      io.stdout('Dry run: nothing was written.\n');
      return EXIT_CLEAN;
    }
    if (plan.entries.length === 0 && plan.changes.length === 0 && plan.removals.length === 0) return EXIT_FINDINGS;
    if (!options.yes) {
      if (!io.stdinIsTty) {
        throw new UnleakError('UNLEAK_CONFIRMATION_REQUIRED', 'stdin is not a terminal, so unleak cannot ask before writing', {
          hint: 'Review the plan above, then run again with --yes (or --dry-run to only plan).',
        });
      }
      if (!(await prompter.confirm('Apply this plan?'))) {
        io.stderr('unleak: nothing was written.\n');
        return EXIT_FINDINGS;
      }
      interrupts.arm();
    }
    interrupts.throwIfInterrupted();
    let createStoreFor: string | undefined;
    if (!storeExists) ({ recipient: createStoreFor, store } = await ensureIdentity(setup, io, deps.store));
    result = await applyPlan(plan, {
      root,
      fs: deps.fs,
      store,
      checker: deps.checker,
      createStoreFor,
      afterStep: deps.afterStep,
      signal: interrupts.controller.signal,
    });
  } finally {
    prompter.close();
    interrupts.disarm();
  }
  io.stdout(appliedText(plan, result, store.label));
  const rescan = await scanWorkingTree(root, { config, baseline, noGit: !options.git, env: io.env });
  const proof = proofText(plan, rescan.findings);
  io.stdout(proof.text);
  if (plan.refused.length)
    io.stdout(`${plan.refused.length} finding${plan.refused.length === 1 ? ' was' : 's were'} not fixed (see "not fixed" above).\n`);
  io.stdout(nextStepsText(plan, setup.envFlag));
  return proof.clean && plan.refused.length === 0 ? EXIT_CLEAN : EXIT_FINDINGS;
}
