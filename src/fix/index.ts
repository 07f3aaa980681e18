/**
 * src/fix: remediation. `planFix` (pure) turns findings and the texts of the files that hold their
 * values into a plan: store entries, per-file edits as offset ranges, files that move into the
 * store, `.gitignore` and `.env.example` additions. `applyPlan` writes it all or nothing. The purge
 * helpers rewrite git history with git-filter-repo. This file is the room's door.
 *
 * Imports engine, sources, filters, report, store, fsutil and src/scan through its door; never
 * cli, rotate, action or verify (eslint.config.js).
 */

export type { EntryKind, FileChange, FileRemoval, FixFinding, FixPlan, PlannedEntry, Refusal, TextEdit, TreeFile } from './types.js';
export { planFix, type PlanInput } from './planner.js';
export { maskValues } from './plan-state.js';
export { kubernetesSecretCommand, renderPlan, type PlanTarget } from './plan-text.js';
export { KUBERNETES_SECRET, secretKeyRefEntries } from './kubernetes-env.js';
export { applyPlan, APPLY_STEPS, type ApplyOptions, type ApplyResult, type ApplyStep, type FileCheck } from './apply.js';
export { nodeFixFs, type FixFs } from './fix-fs.js';
export { repositoryStore, type FixStore } from './fix-store.js';
export { defaultChecker, type CheckResult, type SyntaxChecker } from './syntax-check.js';
export { alignToTree, filterFindings, readReport, scanWorkingTree, type FixInput } from './fix-input.js';
export { readTreeFiles, listTreeFiles, type TreeRead } from './tree-files.js';
export { applyEdits, sha256 } from './text-edits.js';
export { fileKindOf, type FileKind } from './file-kinds.js';
export { SLACK_WEBHOOK_PROVIDER } from './rotation-meta.js';
export * as purge from './purge/index.js';
