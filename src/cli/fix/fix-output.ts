import {
  KUBERNETES_SECRET,
  kubernetesSecretCommand,
  secretKeyRefEntries,
  SLACK_WEBHOOK_PROVIDER,
  type ApplyResult,
  type FixFinding,
  type FixPlan,
} from '../../fix/index.js';
import { redact } from '../../report/index.js';

/** What `unleak fix` prints after applying: what changed, the parse checks, the re-scan proof, next steps. */

/** One line per kind of change, and the parse checks. */
export function appliedText(plan: FixPlan, result: ApplyResult, storeLabel: string): string {
  const written = plan.entries.filter((e) => !e.reused && !e.composedOf).length;
  const composed = plan.entries.filter((e) => !e.reused && e.composedOf).length;
  const templates = composed ? ` (and ${composed} template${composed === 1 ? '' : 's'} composed from them)` : '';
  const lines = [
    `Applied: ${written} value${written === 1 ? '' : 's'}${templates} stored in ${storeLabel}${result.storeCreated ? ' (new store)' : ''}, ` +
      `${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'} edited, ${plan.removals.length} file${plan.removals.length === 1 ? '' : 's'} removed.`,
  ];
  const ok = result.checks.filter((c) => c.after?.status === 'ok').map((c) => c.path);
  const skipped = result.checks.filter((c) => c.before.status !== 'ok' || c.after?.status === 'skipped');
  if (ok.length) lines.push(`  parses after the rewrite: ${ok.join(', ')}`);
  for (const check of skipped) {
    const why =
      check.before.status === 'skipped'
        ? check.before.reason
        : check.before.status === 'failed'
          ? `it did not parse before the fix either (${check.before.message})`
          : check.after?.status === 'skipped'
            ? check.after.reason
            : '';
    lines.push(`  not checked: ${check.path}: ${why}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The re-scan proof: fixed findings that a scan after the fix still reports (should be none). */
export function proofText(plan: FixPlan, after: FixFinding[]): { text: string; clean: boolean } {
  const fixed = new Set(plan.fixedFingerprints);
  const still = after.filter((f) => fixed.has(f.fingerprint));
  if (still.length === 0) {
    return { text: `Re-scan: none of the ${fixed.size} fixed finding${fixed.size === 1 ? '' : 's'} is reported any more.\n`, clean: true };
  }
  const lines = [`Re-scan: ${still.length} of the ${fixed.size} fixed findings are still reported:`];
  for (const f of still) lines.push(`  ${f.path}:${f.line} ${f.ruleId} ${redact(f.secret)}`);
  return { text: `${lines.join('\n')}\n`, clean: false };
}

function runFileArg(name: string, path: string): string {
  return `--file ${name}=${path.includes('/') || path.includes('.') ? path : `./${path}`}`;
}

/** What to do next: commit, run through the store, rotate (history still has the values), purge. */
export function nextStepsText(plan: FixPlan, envFlag: string): string {
  const names = plan.entries.filter((e) => !e.composedOf).map((e) => e.name);
  const byHand = new Set(plan.entries.filter((e) => e.provider === SLACK_WEBHOOK_PROVIDER).map((e) => e.name));
  const files = plan.entries.filter((e) => e.kind === 'file' && e.filePath).map((e) => runFileArg(e.name, e.filePath as string));
  const secretKeyRefs = secretKeyRefEntries(plan.changes);
  const lines = [
    '',
    'Next steps:',
    '  1. Review and commit: git diff, then git add -A && git commit (the store file is encrypted and belongs in git).',
    `  2. Start the application through the store: unleak run${envFlag}${files.length ? ` ${files.join(' ')}` : ''} -- <your start or test command>`,
    ...(secretKeyRefs.length
      ? [`     Kubernetes manifests now read Secret "${KUBERNETES_SECRET}": ${kubernetesSecretCommand(secretKeyRefs, envFlag)}`]
      : []),
    '  3. The old values are still in the git history and must be treated as known: rotate them now',
    ...names.map((name) => `       unleak rotate ${name}${envFlag}${byHand.has(name) ? '   (by hand: it prints the steps)' : ''}`),
    `  4. If the repository is shared, remove them from the history too: unleak purge${envFlag} --dry-run, then unleak purge${envFlag} --yes`,
    '  5. Teammates need access: they send you their recipient (unleak keys show), you run unleak store recipients add age1…',
  ];
  return `${lines.join('\n')}\n`;
}
