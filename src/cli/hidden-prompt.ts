import type { Readable } from 'node:stream';
import type { CliIo } from './io.js';
import { UnleakError } from '../errors.js';

type RawCapable = Readable & { setRawMode?: (raw: boolean) => unknown };

/** Asks a question on the terminal and reads one line without echoing it (Ctrl-C aborts). */
export function hiddenPrompt(io: CliIo, question: string, abortMessage = 'aborted at the prompt'): Promise<string> {
  const stdin = io.stdin as RawCapable;
  io.stderr(question);
  stdin.setRawMode?.(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr('\n');
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UnleakError('UNLEAK_ABORTED', abortMessage, { exitCode: 130 }));
          return;
        }
        if (char === '\u007f' || char === '\b') chars = chars.slice(0, -1);
        else chars.push(char);
      }
    };
    stdin.on('data', onData);
  });
}
