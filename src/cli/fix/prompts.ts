import { createInterface } from 'node:readline';
import type { CliIo } from '../io.js';

/** Questions on a terminal: the prompt goes to stderr, the answer is one line of stdin. */
export class Prompter {
  private lines: AsyncIterator<string> | undefined;

  constructor(private readonly io: CliIo) {}

  /** Asks and returns the trimmed answer, or undefined when stdin ends. */
  async ask(question: string): Promise<string | undefined> {
    this.io.stderr(question);
    this.lines ??= createInterface({ input: this.io.stdin, terminal: false, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const next = await this.lines.next();
    return next.done ? undefined : next.value.trim();
  }

  /** A yes/no question; only `y` or `yes` counts as yes. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.ask(`${question} [y/N] `);
    return answer !== undefined && /^y(es)?$/i.test(answer);
  }

  /** Stops reading stdin. */
  close(): void {
    void this.lines?.return?.();
  }
}
