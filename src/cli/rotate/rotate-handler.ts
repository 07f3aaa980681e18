import type { CliIo } from '../io.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import { parseDuration, runRotation, verificationAlarm, type RotationResult } from '../../rotate/index.js';
import { openRotateSession, type RotateStoreOptions } from './rotate-session.js';
import { RotationSignals } from './rotate-signals.js';
import { cliLiveVerifier } from './rotate-verifier.js';

/** `unleak rotate`: rotate, finish or plan the selected store entries. */

/** The options of `unleak rotate`. */
export interface RotateCliOptions extends RotateStoreOptions {
  allLeaked?: boolean;
  due?: boolean;
  dryRun?: boolean;
  grace?: string;
  finish?: boolean;
  now?: boolean;
  /** `--no-verify` sets false: no live check after rotating. */
  verify?: boolean;
}

function checkOptions(options: RotateCliOptions): number | undefined {
  if (options.now && !options.finish) throw new UnleakError('UNLEAK_USAGE', '--now only goes with --finish');
  if (options.finish && (options.allLeaked || options.due || options.grace !== undefined))
    throw new UnleakError('UNLEAK_USAGE', '--finish takes names only (no --all-leaked, --due or --grace)');
  if (options.grace === undefined) return undefined;
  const ms = parseDuration(options.grace);
  if (ms === undefined)
    throw new UnleakError('UNLEAK_USAGE', `--grace ${options.grace}: not a duration`, {
      hint: 'e.g. --grace 1h, 30m, 2d, or 0 to revoke at once',
    });
  return ms;
}

function report(io: CliIo, result: RotationResult): void {
  const who = `${result.name}${result.provider ? ` (${result.provider})` : ''}`;
  const until = result.graceUntil?.toISOString();
  const lines: Record<RotationResult['status'], string> = {
    rotated: `rotated   ${who}`,
    grace: `rotated   ${who}: the old credential stays valid until ${until}; then run: unleak rotate --finish ${result.name}`,
    committed: `finished  ${who}: the previous credential is revoked`,
    restored: `restored  ${who}: the new value did not work, so the store holds the previous one again`,
    abandoned: `recovered ${who}: the interrupted rotation never changed the provider; the current value works`,
    manual: `manual    ${who}: no API can rotate it: rotate it by hand (it is still leaked):`,
    waiting: `waiting   ${who}: grace period until ${until} (add --now to finish earlier)`,
    planned: `plan      ${who}`,
    failed: `failed    ${who}`,
  };
  io.stdout(`${lines[result.status]}\n`);
  for (const step of result.plan ?? []) io.stdout(`            ${step}\n`);
  for (const note of result.notes) io.stderr(`  note: ${result.name}: ${note}\n`);
  if (result.error) {
    io.stderr(`unleak: error ${result.error.code}: ${result.error.message}\n`);
    if (result.error.hint) io.stderr(`hint: ${result.error.hint}\n`);
  }
  warnAboutVerification(io, result);
}

/** The loud part of a verification: an old credential still accepted after its revocation, or a new one refused. */
function warnAboutVerification(io: CliIo, result: RotationResult): void {
  const { old, current } = result.verification ?? {};
  const at = result.provider ?? 'the provider';
  if (old?.status === 'live') {
    io.stderr(
      `unleak: WARNING: ${result.name}: the old (leaked) credential is STILL ACCEPTED by ${at} after its revocation (${old.reason}).\n`,
    );
    io.stderr(
      `hint: The new value is stored and kept. Revoke the old credential at ${at} by hand now; the check is in the audit trail and in unleak status.\n`,
    );
  }
  if (current?.status === 'revoked') {
    io.stderr(
      `unleak: WARNING: ${result.name}: ${at} refuses the new credential (${current.reason}) although the rotation's own test passed.\n`,
    );
    io.stderr(`hint: The store holds the new value. Check it at ${at}; unleak status shows the last verification.\n`);
  }
}

/**
 * Runs the command; exit 0 when every selected entry succeeded, 1 when one must be rotated by hand
 * or its verification alarms (old credential still accepted, new one refused) and none failed,
 * 2 when any failed or the run was stopped by a signal.
 */
export async function rotateHandler(names: string[], options: RotateCliOptions, io: CliIo): Promise<number> {
  const graceMs = checkOptions(options);
  const session = await openRotateSession(io, options);
  const signals = new RotationSignals(io);
  signals.arm();
  let results: RotationResult[];
  try {
    results = await runRotation({
      store: session.store,
      registry: session.registry,
      io: {
        ...session.io,
        stopRequested: signals.stopRequested,
        checkpoint: signals.checkpoint,
        verifyLive: options.verify === false ? undefined : cliLiveVerifier(io.env, session.verifyHosts),
      },
      selection: { names, allLeaked: options.allLeaked, due: options.due, finish: options.finish },
      dryRun: options.dryRun,
      graceMs,
      now: options.now,
    });
  } finally {
    signals.disarm();
  }
  if (results.length === 0) {
    io.stderr(options.finish ? 'Nothing to finish: no entry keeps a previous value.\n' : 'Nothing to rotate: no entry matches.\n');
    return EXIT_CLEAN;
  }
  for (const result of results) report(io, result);
  if (options.dryRun) io.stderr('Dry run: nothing was changed.\n');
  if (results.some((result) => result.status === 'failed')) return EXIT_ERROR;
  return results.some((result) => result.status === 'manual' || verificationAlarm(result.verification)) ? EXIT_FINDINGS : EXIT_CLEAN;
}
