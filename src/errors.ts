import type { ErrorCode } from './error-codes.js';

export { ERROR_CODES, isErrorCode, MERGED_CODES, type ErrorCode } from './error-codes.js';

/** Exit codes shared by every command: 0 clean, 1 findings, 2 error. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** One problem inside a config or rule file: where it is and what is wrong. */
export interface Problem {
  file: string;
  field: string;
  message: string;
}

/** Base error: a stable code (a key of ERROR_CODES), an exit code and a hint for the user. Never carries a secret. */
export class UnleakError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UnleakError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT_ERROR;
    this.hint = options.hint;
  }
}

/** A config or rule file with one or more problems; lists every problem at once. */
export class ConfigError extends UnleakError {
  readonly problems: Problem[];

  constructor(code: 'UNLEAK_CONFIG_INVALID' | 'UNLEAK_RULE_INVALID', problems: Problem[], hint?: string) {
    const lines = problems.map((p) => `  ${p.file}${p.field ? ` (${p.field})` : ''}: ${p.message}`);
    super(code, `${problems.length} problem${problems.length === 1 ? '' : 's'} found:\n${lines.join('\n')}`, { hint });
    this.problems = problems;
  }
}

/** Turns anything thrown into an UnleakError so the CLI can print it and exit 2. */
export function toUnleakError(error: unknown): UnleakError {
  if (error instanceof UnleakError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new UnleakError('UNLEAK_INTERNAL', message, { cause: error, hint: 'This is a bug in unleak; please report it.' });
}
