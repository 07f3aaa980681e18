/**
 * The verification flags on their own, so a scan that does not verify (a pre-commit hook) can ask
 * whether it should without loading the verifiers and their database drivers.
 */

/** The verification flags `unleak scan` and `unleak verify` share. */
export interface VerifyFlags {
  verify?: boolean;
  verifyPrivate?: boolean;
  onlyVerified?: boolean;
  results?: string;
  /** Seconds the whole verification may take. */
  verifyTimeout?: string;
}

/** True when the flags ask for verification (`--only-verified` and `--results` imply `--verify`). */
export function wantsVerification(flags: VerifyFlags): boolean {
  return Boolean(flags.verify || flags.onlyVerified || flags.results !== undefined);
}
