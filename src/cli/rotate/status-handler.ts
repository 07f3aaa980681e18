import type { CliIo } from '../io.js';
import { EXIT_CLEAN, EXIT_FINDINGS } from '../../errors.js';
import { entryStatuses, formatDuration, type EntryStatus } from '../../rotate/index.js';
import { openRotateSession, type RotateStoreOptions } from './rotate-session.js';

/** `unleak status`: the rotation state of every store entry. Never prints a value. */

/** The options of `unleak status`. */
export interface StatusCliOptions extends RotateStoreOptions {
  json?: boolean;
  check?: boolean;
}

const day = (iso: string | undefined): string => (iso === undefined ? 'never' : iso.slice(0, 10));

function note(status: EntryStatus): string {
  if (status.oldStillLive)
    return `the old credential was still accepted after its revocation: revoke it at ${status.provider ?? 'the provider'} by hand`;
  if (status.interrupted) return `interrupted rotation: unleak rotate --finish ${status.name}`;
  if (status.pending)
    return status.graceUntil && Date.parse(status.graceUntil) > Date.now()
      ? `grace until ${status.graceUntil}`
      : `to finish: unleak rotate --finish ${status.name}`;
  return status.byHand ?? status.providerProblem ?? '';
}

/** The last verification in one cell: `2026-12-03 old revoked (401 from api.github.com), new live (200 from api.github.com)`. */
function verified(status: EntryStatus): string {
  const last = status.lastVerification;
  if (!last) return '-';
  const parts = [
    last.old ? `old ${last.old.status} (${last.old.reason})` : undefined,
    last.current ? `new ${last.current.status} (${last.current.reason})` : undefined,
  ].filter(Boolean);
  return `${day(last.at)} ${parts.join(', ')}`;
}

/** The text table: one row per entry, columns padded; LAST VERIFICATION only when some entry has one. */
export function statusTable(statuses: EntryStatus[]): string {
  const withVerification = statuses.some((status) => status.lastVerification !== undefined);
  const header = ['NAME', 'PROVIDER', 'AGE', 'LAST ROTATION', 'DUE', 'LEAKED', 'NOTE', ...(withVerification ? ['LAST VERIFICATION'] : [])];
  const rows = statuses.map((status) => [
    status.name,
    status.provider ? `${status.provider}${status.providerSource === 'detected' ? ' (detected)' : ''}` : '-',
    status.ageMs === undefined ? '-' : formatDuration(status.ageMs),
    day(status.rotatedAt),
    status.due === undefined ? '-' : status.due ? `yes (max ${formatDuration(status.maxAgeMs ?? 0)})` : 'no',
    status.leaked ? 'yes' : 'no',
    note(status),
    ...(withVerification ? [verified(status)] : []),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function asJson(statuses: EntryStatus[]): string {
  const entries = statuses.map((status) => ({
    name: status.name,
    provider: status.provider ?? null,
    providerSource: status.providerSource ?? null,
    createdAt: status.createdAt ?? null,
    rotatedAt: status.rotatedAt ?? null,
    ageSeconds: status.ageMs === undefined ? null : Math.floor(status.ageMs / 1000),
    maxAgeSeconds: status.maxAgeMs === undefined ? null : Math.floor(status.maxAgeMs / 1000),
    due: status.due ?? null,
    leaked: status.leaked,
    pending: status.pending,
    interrupted: status.interrupted,
    graceUntil: status.graceUntil ?? null,
    byHand: status.byHand !== undefined,
    byHandSteps: status.byHand ?? null,
    lastVerification: status.lastVerification ?? null,
    oldStillLive: status.oldStillLive,
  }));
  return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`;
}

/** Prints the status; with --check exits 1 when something needs rotating. */
export async function statusHandler(options: StatusCliOptions, io: CliIo): Promise<number> {
  const session = await openRotateSession(io, options);
  const statuses = entryStatuses(await session.store.entries(), session.registry, new Date());
  if (options.json) io.stdout(asJson(statuses));
  else if (statuses.length === 0) io.stderr('The store is empty.\n');
  else io.stdout(`${statusTable(statuses)}\n`);
  if (!options.check) return EXIT_CLEAN;
  const attention = statuses.filter((status) => status.leaked || status.due === true || status.pending || status.oldStillLive);
  if (attention.length && !options.json)
    io.stderr(
      `${attention.length} entr${attention.length === 1 ? 'y needs' : 'ies need'} rotating: unleak rotate --all-leaked --due${statuses.some((status) => status.pending) ? ' (and unleak rotate --finish for the pending ones)' : ''}${statuses.some((status) => status.oldStillLive) ? '; revoke by hand the old credentials still accepted' : ''}\n`,
    );
  return attention.length ? EXIT_FINDINGS : EXIT_CLEAN;
}
