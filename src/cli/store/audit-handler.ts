import type { CliIo } from '../io.js';
import { auditLogPath, findIdentities, verifyAuditTrail, type AgeIdentity } from '../../store/index.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from '../../errors.js';
import { locateStore, note, warn } from './store-context.js';

/** `unleak audit verify` and `unleak audit log`. */

/** The user's identities, for checking MACs; none (not an error) when there are none. */
async function identitiesIfAny(io: CliIo): Promise<AgeIdentity[]> {
  try {
    return (await findIdentities(io.env)).identities;
  } catch {
    return [];
  }
}

/**
 * Checks the chain, the log's git history, and every store file against the log (digest,
 * recipients, anchor; the MAC when an identity opens it). Prints each problem, led by its code
 * (UNLEAK_STORE_TAMPERED, …), and exits 1 when there is any.
 */
export async function auditVerifyHandler(_options: object, io: CliIo): Promise<number> {
  const { root } = await locateStore(io, {});
  const { entries, problems, warnings, notes } = await verifyAuditTrail(root, { identities: await identitiesIfAny(io), env: io.env });
  for (const text of notes) note(io, text);
  for (const text of warnings) warn(io, text);
  if (problems.length === 0) {
    io.stdout(`audit trail intact: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
    return EXIT_CLEAN;
  }
  io.stdout(`audit trail of ${auditLogPath(root)} is NOT intact:\n${problems.map((problem) => `  ${problem}\n`).join('')}`);
  return EXIT_FINDINGS;
}

/** Prints the entries, one per line (or as JSON lines with --json). */
export async function auditLogHandler(options: { json?: boolean }, io: CliIo): Promise<number> {
  const { root } = await locateStore(io, {});
  const { entries, problems } = await verifyAuditTrail(root, { env: io.env });
  if (entries.length === 0) note(io, 'The audit trail is empty.');
  for (const entry of entries) {
    if (options.json) io.stdout(`${JSON.stringify(entry)}\n`);
    else
      io.stdout(
        `${entry.time}  ${entry.actor}  ${entry.action}${entry.secret ? ` ${entry.secret}` : ''}${entry.detail ? ` (${entry.detail})` : ''}  ${entry.store}\n`,
      );
  }
  if (problems.length > 0)
    note(
      io,
      `warning: the audit trail is not intact (${problems.length} problem${problems.length === 1 ? '' : 's'}); run \`unleak audit verify\`.`,
    );
  return EXIT_CLEAN;
}
