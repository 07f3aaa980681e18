import { UnleakError } from '../errors.js';
import type { Confidence } from '../engine/index.js';
import { CONFIDENCE_LEVELS, DEFAULT_MIN_CONFIDENCE } from '../scan/index.js';

/** What to scan: `auto` follows the event, `diff` the event's commits, `history` every commit, `files` the checkout. */
export const MODES = ['auto', 'diff', 'history', 'files'] as const;
export type ActionMode = (typeof MODES)[number];

/** The Action's inputs (action.yml), parsed. */
export interface ActionInputs {
  mode: ActionMode;
  failOnFindings: boolean;
  sarifFile: string;
  comment: boolean;
  baseline: string | undefined;
  config: string | undefined;
  githubToken: string | undefined;
  /** Scan on past content that cannot be read (a missing or corrupt blob, an unreadable file) and list it as notes, instead of failing. */
  skipUnreadable: boolean;
  /** Check each finding with its provider (live / revoked / unknown in SARIF and the summary); off by default. */
  verify: boolean;
  /** `min-confidence`: report only findings at this confidence or above (the CLI's `--min-confidence`). */
  /** Undefined when the input is empty: the config's `minConfidence` applies, else `low`. */
  minConfidence: Confidence | undefined;
}

/**
 * An input as the runner passes it: `INPUT_` + the name upper-cased with spaces as underscores
 * (dashes kept), trimmed; empty when unset.
 */
export function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function readBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = readInput(env, name);
  if (raw === '') return fallback;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  problems.push(`input ${name} must be true or false (YAML 1.2 boolean), not ${JSON.stringify(raw)}`);
  return fallback;
}

/** The `min-confidence` input: `low`, `medium` or `high`; undefined when empty (the config's `minConfidence` then applies, else `low`). */
function readConfidence(env: NodeJS.ProcessEnv, problems: string[]): Confidence | undefined {
  const raw = readInput(env, 'min-confidence');
  if (raw === '') return undefined;
  if ((CONFIDENCE_LEVELS as readonly string[]).includes(raw)) return raw as Confidence;
  problems.push(`input min-confidence must be one of ${CONFIDENCE_LEVELS.join(', ')}, not ${JSON.stringify(raw)}`);
  return DEFAULT_MIN_CONFIDENCE;
}

/** Reads and checks every input; a bad input is an error listing every problem at once. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const problems: string[] = [];
  const modeRaw = readInput(env, 'mode') || 'auto';
  if (!(MODES as readonly string[]).includes(modeRaw))
    problems.push(`input mode must be one of ${MODES.join(', ')}, not ${JSON.stringify(modeRaw)}`);
  const inputs: ActionInputs = {
    mode: (MODES as readonly string[]).includes(modeRaw) ? (modeRaw as ActionMode) : 'auto',
    failOnFindings: readBoolean(env, 'fail-on-findings', true, problems),
    sarifFile: readInput(env, 'sarif-file') || 'unleak.sarif',
    comment: readBoolean(env, 'comment', true, problems),
    baseline: readInput(env, 'baseline') || undefined,
    config: readInput(env, 'config') || undefined,
    githubToken: readInput(env, 'github-token') || undefined,
    skipUnreadable: readBoolean(env, 'skip-unreadable', false, problems),
    verify: readBoolean(env, 'verify', false, problems),
    minConfidence: readConfidence(env, problems),
  };
  if (problems.length)
    throw new UnleakError('UNLEAK_ACTION_INPUT', problems.join('; '), {
      hint: 'Check the `with:` block of the unleak step (see docs/action.md).',
    });
  return inputs;
}
