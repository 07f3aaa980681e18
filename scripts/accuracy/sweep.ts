// npm run bench:accuracy -- --sweep: every case whose secret is a strong password, once for each
// shape such a password takes by chance (a leading symbol, stars, x's, `=` inside): random
// draws meet each shape only now and then (a leading `%` in 1 password of 75), so a rule that
// reads the shape as a reference or a mask misses in some runs and not in others. Prints the
// cases missed with each shape; exits 1 when there is one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, writeCorpus } from './corpus.js';
import { around, generators, PASSWORD_SYMBOLS, strongPassword } from './generators.js';
import { runUnleak } from './run-tools.js';
import { score } from './score.js';

/** The generators of strong passwords (mixed classes and symbols), by the length they draw. */
const PASSWORD_GENERATORS: Record<string, number> = { password: 20, 'password-short': 14 };

/** Shapes, each a way to fill a password of `length`: a symbol first, or a run inside. */
const shapes: [string, (length: number) => string][] = [
  ...[...PASSWORD_SYMBOLS].map((symbol): [string, (length: number) => string] => [
    `leading ${symbol}`,
    (length) => `${symbol}${strongPassword(length - 1)}`,
  ]),
  ['trailing **', (length) => around('**', strongPassword(length - 2), '')],
  ['*** inside', (length) => around('***', strongPassword(length - 9), strongPassword(6))],
  ['XXxx inside', (length) => around('XXxx', strongPassword(length - 10), strongPassword(6))],
  ['= inside', (length) => `${strongPassword(length - 7)}=${strongPassword(6)}`],
];

export function sweep(root: string, cliPath: string): number {
  const originals = Object.fromEntries(Object.keys(PASSWORD_GENERATORS).map((name) => [name, generators[name]]));
  let misses = 0;
  try {
    for (const [shape, make] of shapes) {
      const drawn: string[] = [];
      for (const [name, length] of Object.entries(PASSWORD_GENERATORS))
        generators[name] = () => {
          const value = make(length);
          drawn.push(value);
          return value;
        };
      // Only the cases that hold a password of this shape.
      const cases = buildCorpus(join(root, 'fixtures', 'accuracy')).filter(
        (c) => c.label === 'secret' && drawn.some((value) => c.text.includes(value)),
      );
      const dir = mkdtempSync(join(tmpdir(), 'unleak-sweep-'));
      try {
        const written = writeCorpus(cases, dir);
        const result = score(written, runUnleak(cliPath, dir));
        misses += result.misses.length;
        console.log(`${shape.padEnd(12)} ${String(result.positives - result.misses.length).padStart(4)}/${result.positives} found`);
        for (const miss of result.misses)
          console.log(`   miss: ${miss.id} (line ${miss.line}): ${miss.text.split('\n')[(miss.line ?? 1) - 1]?.trim().slice(0, 120)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    Object.assign(generators, originals);
  }
  return misses;
}
