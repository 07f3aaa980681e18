import type { CommandContext } from '../context.js';
import { auditLogPath, findIdentities, verifyAuditTrail, type AgeIdentity } from '../../store/index.js';
import { EXIT_FINDINGS } from '../../errors.js';
import { locateStore, note, warn } from './store-context.js';

/** `unleak audit verify` and `unleak audit log`. */

/** The user's identities, for checking MACs; none (not an error) when there are none. */
async function identitiesIfAny(ctx: CommandContext): Promise<AgeIdentity[]> {
  try {
    return (await findIdentities(ctx.io.env)).identities;
  } catch {
    return [];
  }
}

/**
 * Checks the chain, the log's git history, and every store file against the log (digest,
 * recipients, anchor; the MAC when an identity opens it). Prints each problem, led by its code
 * (UNLEAK_STORE_TAMPERED, …), and exits 1 when there is any.
 */
export async function auditVerify(ctx: CommandContext): Promise<void> {
  const { root } = await locateStore(ctx, {});
  const { entries, problems, warnings, notes } = await verifyAuditTrail(root, { identities: await identitiesIfAny(ctx), env: ctx.io.env });
  for (const text of notes) note(ctx, text);
  for (const text of warnings) warn(ctx, text);
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
  const { entries, problems } = await verifyAuditTrail(root, { env: ctx.io.env });
  if (entries.length === 0) note(ctx, 'The audit trail is empty.');
  for (const entry of entries) {
    if (options.json) ctx.io.stdout(`${JSON.stringify(entry)}\n`);
    else ctx.io.stdout(`${entry.time}  ${entry.actor}  ${entry.action}${entry.secret ? ` ${entry.secret}` : ''}${entry.detail ? ` (${entry.detail})` : ''}  ${entry.store}\n`);
  }
  if (problems.length > 0) note(ctx, `warning: the audit trail is not intact (${problems.length} problem${problems.length === 1 ? '' : 's'}); run \`unleak audit verify\`.`);
}
