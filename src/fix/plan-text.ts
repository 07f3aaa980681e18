import type { FixPlan, PlannedEntry, TextEdit } from './types.js';

/** The plan as the user reads it before anything is written. Values appear redacted only. */

/** Where the entries go, for the plan's header. */
export interface PlanTarget {
  storeLabel: string;
  /** True when the store does not exist yet and will be created. */
  newStore: boolean;
  /** The recipient a new store is encrypted to, or a note that an identity will be generated. */
  recipient?: string;
  identityNote?: string;
  /** The `--env` flag to repeat in commands (empty for the default environment). */
  envFlag: string;
}

function entryLine(entry: PlannedEntry, envFlag: string): string {
  const what =
    entry.kind === 'file'
      ? `file ${entry.filePath} (restored at run time: unleak run${envFlag} --file ${entry.name}=${entry.filePath} -- …)`
      : entry.references === 0
        ? 'kept for rotation and purge (it only appears inside another entry)'
        : `${entry.references} reference${entry.references === 1 ? '' : 's'}`;
  const rules = entry.ruleIds.length ? entry.ruleIds.join(', ') : entry.kind === 'env-line' ? '.env line' : '';
  const reused = entry.reused ? '  (already in the store: metadata only)' : '';
  return `    ${entry.name.padEnd(24)} ${entry.redacted.padEnd(10)} ${rules.padEnd(24)} ${what}${reused}`;
}

function editLines(edit: TextEdit): string[] {
  const at = `${edit.line}:${edit.column}`.padEnd(8);
  if (edit.start === edit.end) return edit.replacement.split(/\r?\n/).filter((line) => line !== '').map((line) => `      ${at} + ${line}`);
  if (edit.replacement === '') return edit.shown.split('\n').map((line, i) => `      ${i === 0 ? at : ' '.repeat(8)} - ${line}`);
  return [`      ${at} ${edit.shown}  →  ${edit.replacement}`];
}

/** Renders a plan as text. */
export function renderPlan(plan: FixPlan, target: PlanTarget): string {
  const out: string[] = [];
  const store = target.newStore ? `${target.storeLabel} (new store${target.recipient ? `, encrypted to ${target.recipient}` : ''})` : target.storeLabel;
  out.push(`unleak fix: plan`, `  store: ${store}`);
  if (target.identityNote) out.push(`  identity: ${target.identityNote}`);
  out.push('');
  if (plan.entries.length) {
    out.push(`  store entries (${plan.entries.length})`);
    for (const entry of plan.entries) out.push(entryLine(entry, target.envFlag));
    out.push('');
  }
  if (plan.changes.length) {
    out.push(`  file edits (${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'})`);
    for (const change of plan.changes) {
      out.push(`    ${change.path}${change.originalSha256 === undefined ? ' (new file)' : ''}: ${change.reason}`);
      for (const edit of change.edits) out.push(...editLines(edit));
    }
    out.push('');
  }
  if (plan.removals.length) {
    out.push(`  files moved into the store and removed from the tree (${plan.removals.length})`);
    for (const removal of plan.removals) out.push(`    ${removal.path} → ${removal.entry}`);
    out.push('');
  }
  if (plan.refused.length) {
    out.push(`  not fixed (${plan.refused.length})`);
    for (const r of plan.refused) out.push(`    ${r.path}:${r.line} ${r.ruleId ?? ''} ${r.redacted}: ${r.reason}`);
    out.push('');
  }
  if (!plan.entries.length && !plan.changes.length && !plan.removals.length) out.push('  nothing to change', '');
  return `${out.join('\n')}\n`;
}
