/**
 * Workflow commands the runner reads from a step's stdout (`::name key=value,…::message`).
 * Escaping follows the runner: data escapes `%`, CR and LF; properties also `:` and `,`.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */

/** Escapes a command's message so CR, LF and `%` survive the runner's unescaping. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: as data, plus `:` and `,` which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Properties of a command; undefined values are left out. */
export type CommandProperties = Record<string, string | number | undefined>;

/** One workflow command line (without the trailing newline). */
export function workflowCommand(name: string, properties: CommandProperties, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** Where an annotation points in the repository. */
export interface AnnotationPosition {
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/** Annotation levels the runner shows on the run and the pull request. */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** An `::error`/`::warning`/`::notice` command. */
export function annotationCommand(level: AnnotationLevel, message: string, position: AnnotationPosition = {}): string {
  return workflowCommand(
    level,
    {
      title: position.title,
      file: position.file,
      line: position.line,
      endLine: position.endLine,
      col: position.col,
      endColumn: position.endColumn,
    },
    message,
  );
}

/**
 * `::add-mask::` commands for a secret: the whole value, and each line of a multi-line value,
 * since the runner matches masks within a single log line.
 */
export function maskCommands(secret: string): string[] {
  const values = new Set<string>();
  if (secret.trim()) values.add(secret);
  for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) values.add(line.trim());
  return [...values].map((value) => `::add-mask::${escapeData(value)}`);
}
