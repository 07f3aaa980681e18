import { KUBERNETES_SECRET, secretKeyRefEntries } from './kubernetes-env.js';
import { SLACK_WEBHOOK_PROVIDER } from './rotation-meta.js';
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
      ? `file ${entry.filePath}${entry.composedOf ? `, a template of ${entry.composedOf.join(', ')},` : ''} (restored at run time: unleak run${envFlag} --file ${entry.name}=${entry.filePath} -- …${entry.name === 'AWS_CREDENTIALS' ? `, or --file ${entry.name}=AWS_SHARED_CREDENTIALS_FILE` : ''})`
      : entry.kind === 'composed'
        ? `template of ${(entry.composedOf ?? []).join(', ')}, composed at run time by unleak run and unleak render (holds no secret)`
        : `${entry.references} reference${entry.references === 1 ? '' : 's'}`;
  const rules = entry.ruleIds.length ? entry.ruleIds.join(', ') : entry.kind === 'composed' ? '.env line' : '';
  const reused = entry.reused ? '  (already in the store: metadata only)' : '';
  const shown = entry.composedOf ? '' : entry.redacted;
  return `    ${entry.name.padEnd(24)} ${shown.padEnd(10)} ${rules.padEnd(24)} ${what}${reused}`;
}

/** How each entry will be rotated, where `fix` knows more than the provider id: the account, or that it is done by hand. */
function rotationLines(entries: PlannedEntry[], envFlag: string): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.provider === SLACK_WEBHOOK_PROVIDER) {
      lines.push(
        `    ${entry.name}: rotated by hand (Slack cannot re-issue a webhook URL): in the Slack app's settings (api.slack.com/apps → Incoming Webhooks) add a new webhook to the same channel, store it with unleak secrets set ${entry.name}${envFlag}, deploy, then remove the old webhook there`,
      );
    } else if (entry.target) {
      const t = entry.target;
      const where = `${t.user ?? ''}${t.user ? '@' : ''}${t.host ?? ''}${t.port === undefined ? '' : `:${t.port}`}${t.database ? `/${t.database}` : ''}`;
      lines.push(`    ${entry.name}: ${entry.provider ?? t.scheme} account ${where} (recorded for unleak rotate; the password is not)`);
    }
  }
  return lines;
}

function editLines(edit: TextEdit): string[] {
  const at = `${edit.line}:${edit.column}`.padEnd(8);
  if (edit.start === edit.end)
    return edit.replacement
      .split(/\r?\n/)
      .filter((line) => line !== '')
      .map((line) => `      ${at} + ${line}`);
  if (edit.replacement === '') return edit.shown.split('\n').map((line, i) => `      ${i === 0 ? at : ' '.repeat(8)} - ${line}`);
  return [`      ${at} ${edit.shown}  →  ${edit.replacement}`];
}

/** The command that creates the Kubernetes Secret the rewritten manifests read, from the store. */
export function kubernetesSecretCommand(names: string[], envFlag: string): string {
  return `unleak run${envFlag} -- sh -c 'kubectl create secret generic ${KUBERNETES_SECRET} ${names.map((n) => `--from-literal=${n}="$${n}"`).join(' ')} --dry-run=client -o yaml | kubectl apply -f -'`;
}

/** Renders a plan as text. */
export function renderPlan(plan: FixPlan, target: PlanTarget): string {
  const out: string[] = [];
  const store = target.newStore
    ? `${target.storeLabel} (new store${target.recipient ? `, encrypted to ${target.recipient}` : ''})`
    : target.storeLabel;
  out.push(`unleak fix: plan`, `  store: ${store}`);
  if (target.identityNote) out.push(`  identity: ${target.identityNote}`);
  out.push('');
  if (plan.entries.length) {
    out.push(`  store entries (${plan.entries.length})`);
    for (const entry of plan.entries) out.push(entryLine(entry, target.envFlag));
    out.push('');
    const rotation = rotationLines(plan.entries, target.envFlag);
    if (rotation.length) out.push('  rotation', ...rotation, '');
  }
  if (plan.changes.length) {
    out.push(`  file edits (${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'})`);
    for (const change of plan.changes) {
      out.push(`    ${change.path}${change.originalSha256 === undefined ? ' (new file)' : ''}: ${change.reason}`);
      for (const edit of change.edits) out.push(...editLines(edit));
    }
    out.push('');
  }
  const secretKeyRefs = secretKeyRefEntries(plan.changes);
  if (secretKeyRefs.length)
    out.push(
      `  kubernetes: the manifests now read Secret "${KUBERNETES_SECRET}"; create it from the store before applying them:`,
      `    ${kubernetesSecretCommand(secretKeyRefs, target.envFlag)}`,
      '',
    );
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
