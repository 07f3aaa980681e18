// npm run bench:accuracy [-- --verbose] [-- --keep] [-- --sweep (see sweep.ts)]: recall and false-alarm rate of unleak and secretlint on the labeled corpus.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildCorpus, writeCorpus } from './corpus.js';
import { runSecretlint, runUnleak } from './run-tools.js';
import { score, type Score } from './score.js';
import { sweep } from './sweep.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function print(name: string, s: Score, verbose: boolean): void {
  console.log(
    `\n== ${name}: recall ${s.recall.toFixed(3)} (${s.positives - s.misses.length}/${s.positives}), false-alarm rate ${s.falseAlarmRate.toFixed(3)} (${s.falseAlarms.length}/${s.negatives})`,
  );
  for (const [category, entry] of [...s.byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const figure =
      entry.label === 'secret' ? `recall ${pct(1 - entry.wrong / entry.total)}` : `false alarms ${pct(entry.wrong / entry.total)}`;
    console.log(`   ${category.padEnd(34)} ${String(entry.total).padStart(4)} cases  ${figure}`);
  }
  if (!verbose) return;
  for (const miss of s.misses) console.log(`   miss:        ${miss.id} (line ${miss.line})`);
  for (const alarm of s.falseAlarms) console.log(`   false alarm: ${alarm.id}: ${alarm.text.split('\n')[0]?.slice(0, 100)}`);
}

const root = process.argv[2] ?? process.cwd();
if (process.argv.includes('--sweep')) {
  const misses = sweep(root, join(root, 'dist', 'cli.js'));
  console.log(`\npasswords of every chance shape: ${misses === 0 ? 'all found' : `${misses} missed`}`);
  process.exit(misses === 0 ? 0 : 1);
}
const corpusDir = mkdtempSync(join(tmpdir(), 'unleak-accuracy-'));
try {
  const cases = writeCorpus(buildCorpus(join(root, 'fixtures', 'accuracy')), corpusDir);
  console.log(
    `corpus: ${cases.size} cases (${[...cases.values()].filter((c) => c.label === 'secret').length} with a secret) in ${corpusDir}`,
  );
  const found = runUnleak(join(root, 'dist', 'cli.js'), corpusDir);
  const ours = score(cases, found);
  print('unleak (--min-confidence low: every finding)', ours, true);
  const confident = score(
    cases,
    found.filter((f) => f.confidence !== 'low'),
  );
  print('unleak (--min-confidence medium: proximity guesses left out)', confident, true);
  const secretlintBin = join(dirname(createRequire(join(root, 'package.json')).resolve('secretlint/package.json')), 'bin', 'secretlint.js');
  const theirs = score(cases, runSecretlint(secretlintBin, corpusDir));
  print('secretlint (preset-recommend)', theirs, process.argv.includes('--verbose'));
  const ok = ours.recall >= 0.97 && ours.falseAlarmRate <= 0.03;
  console.log(`\nunleak targets (recall >= 0.97, false-alarm rate <= 0.03): ${ok ? 'met' : 'NOT met'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  // --keep: the corpus stays for a look at what was missed (its secrets are drawn anew each run).
  if (process.argv.includes('--keep')) console.log(`corpus kept in ${corpusDir}`);
  else rmSync(corpusDir, { recursive: true, force: true });
}

function dirname(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}
