/**
 * Plain lines for the step log. The runner treats any log line that starts (after blanks) with
 * `::` or `##[` as a workflow command, so a value a pull request controls (a file name with a
 * newline, a branch name, a rule title from `.unleak.yaml`, a commit message, an author name)
 * must never begin a line: it could forge `::error`, `::add-mask` or `::stop-commands::`.
 * Workflow commands unleak means to send are built by workflow-commands.ts, never by these.
 */

const COMMAND_START = /^(\s*)(::|##\[)/;

/** Keeps a line from being read as a workflow command: `::x` becomes `:\u200B:x` (looks the same, is not a command). */
function defuse(line: string): string {
  return line.replace(COMMAND_START, (_, blanks: string, marker: string) => `${blanks}${marker[0]}\u200B${marker.slice(1)}`);
}

/** One log line: CR and LF inside it shown as `\r` and `\n` (so it stays one line), and defused. */
export function logLine(text: string): string {
  return defuse(text.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
}

/** Text of several lines (what the scan itself prints): every line defused, line breaks kept. */
export function logText(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 1 ? part : defuse(part)))
    .join('');
}

/** A writer for text that arrives in pieces, see {@link logTextWriter}. */
export interface LogTextWriter {
  write: (text: string) => void;
  /** Passes on the unfinished last line, if any. */
  flush: () => void;
}

/**
 * Defuses text that arrives in pieces (a command marker may be split across two writes): whole
 * lines are passed to `emit` at once, the unfinished last line waits for the rest or for `flush`.
 */
export function logTextWriter(emit: (text: string) => void): LogTextWriter {
  let partial = '';
  return {
    write: (text) => {
      const combined = partial + text;
      const end = Math.max(combined.lastIndexOf('\n'), combined.lastIndexOf('\r'));
      partial = combined.slice(end + 1);
      if (end !== -1) emit(logText(combined.slice(0, end + 1)));
    },
    flush: () => {
      if (partial) emit(logText(partial));
      partial = '';
    },
  };
}
