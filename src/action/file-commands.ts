import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

/**
 * One `name<<DELIMITER` block of an environment file such as `$GITHUB_OUTPUT`; the delimiter is
 * random and checked against the name and value so a value can never end the block early.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#multiline-strings
 */
export function keyValueBlock(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name}: the value contains its delimiter`);
  if (/[\r\n]/.test(name) || name.includes('<<')) throw new Error(`output name is not valid: ${JSON.stringify(name)}`);
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

/** Appends step outputs to the `$GITHUB_OUTPUT` file; returns false when the runner gave none. */
export function writeOutputs(file: string | undefined, outputs: Record<string, string>): boolean {
  if (!file) return false;
  appendFileSync(
    file,
    Object.entries(outputs)
      .map(([name, value]) => keyValueBlock(name, value))
      .join(''),
    'utf8',
  );
  return true;
}

/** The runner shows at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Appends markdown to `$GITHUB_STEP_SUMMARY`; returns false when the runner gave none. */
export function appendSummary(file: string | undefined, markdown: string): boolean {
  if (!file) return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}
