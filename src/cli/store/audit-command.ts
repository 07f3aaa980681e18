import type { CommandContext } from '../context.js';
import { auditLogPath, verifyAuditTrail } from '../../store/index.js';
import { EXIT_FINDINGS } from '../../errors.js';
import { locateStore, note } from './store-context.js';

/** `unleak audit verify` and `unleak audit log`. */

/** Checks the chain and the stores' anchors; prints each problem and exits 1 when there is any. */
export async function auditVerify(ctx: CommandContext): Promise<void> {
  const { root } = await locateStore(ctx, {});
  const { entries, problems } = await verifyAuditTrail(root);
  if (problems.length === 0) {
    ctx.io.stdout(`audit trail intact: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
    return;
  }
  ctx.io.stdout(`audit trail of ${auditLogPath(root)} is NOT intact:\n${problems.map((problem) => `  ${problem}\n`).join('')}`);
  ctx.setExitCode(EXIT_FINDINGS);
}

/** Prints the entries, one per line (or as JSON lines with --json). */
export async function auditLog(ctx: CommandContext, options: { json?: boolean }): Promise<void> {
  const { root } = await locateStore(ctx, {});
  const { entries, problems } = await verifyAuditTrail(root);
  if (entries.length === 0) note(ctx, 'The audit trail is empty.');
  for (const entry of entries) {
    if (options.json) ctx.io.stdout(`${JSON.stringify(entry)}\n`);
    else ctx.io.stdout(`${entry.time}  ${entry.actor}  ${entry.action}${entry.secret ? ` ${entry.secret}` : ''}${entry.detail ? ` (${entry.detail})` : ''}  ${entry.store}\n`);
  }
  if (problems.length > 0) note(ctx, `warning: the audit trail is not intact (${problems.length} problem${problems.length === 1 ? '' : 's'}); run \`unleak audit verify\`.`);
}
