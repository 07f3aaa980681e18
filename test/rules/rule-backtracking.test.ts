import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules } from '../../src/engine/index.js';

const SIZE = 100_000;
const BOUND_MS = 1_000;
const FILLERS = ['a', 'A', 'z', '0', '9', 'f', '-', '_', '=', '"', "'", ':', ' ', '\n', '\t', '/', '+', '.', '@', '\\', '%', '{', '$', 'aB3', 'a=', 'A0-'];

/** Inputs built to make a backtracking regex go quadratic: long runs of its prefix and classes. */
function adversarialInputs(keywords: string[], pattern: string): string[] {
  const literals = [...new Set(pattern.replace(/\\[dDwWsSbB]|\\./g, '').match(/[A-Za-z0-9_\-=:@./+]{3,}/g) ?? [])].slice(0, 4);
  const prefixes = [...new Set([...keywords, ...literals])];
  const inputs: string[] = [];
  for (const filler of FILLERS) {
    inputs.push(filler.repeat(Math.ceil(SIZE / filler.length)).slice(0, SIZE));
    for (const prefix of prefixes) {
      inputs.push((prefix + filler.repeat(40)).repeat(Math.ceil(SIZE / (prefix.length + filler.length * 40))).slice(0, SIZE));
      inputs.push(prefix + filler.repeat(Math.ceil(SIZE / filler.length)).slice(0, SIZE));
    }
  }
  for (const prefix of prefixes) inputs.push(prefix.repeat(Math.ceil(SIZE / prefix.length)));
  return inputs;
}

describe('no built-in rule backtracks super-linearly', () => {
  const loaded = loadRuleFiles();
  it.each(loaded.map(({ spec }) => [spec.id, spec] as const))('%s stays linear on 100 KB adversarial inputs', (_id, spec) => {
    const [rule] = compileRules([{ spec, engine: 'js' }]).rules;
    let worst = 0;
    let worstInput = '';
    let worstFull = '';
    const timeOnce = (input: string) => {
      const started = performance.now();
      for (const _match of rule!.matcher.matches(input));
      return performance.now() - started;
    };
    for (const input of adversarialInputs(spec.keywords, spec.pattern)) {
      let took = timeOnce(input);
      // A busy machine can stall one run; super-linear backtracking is slow every time.
      if (took > BOUND_MS / 4) took = Math.min(took, timeOnce(input), timeOnce(input));
      if (took > worst) [worst, worstInput, worstFull] = [took, input.slice(0, 60), input];
    }
    if (worst >= BOUND_MS && worst < 5 * BOUND_MS) {
      // Slow but maybe linear (a loaded machine, or a lookaround with a large constant factor):
      // linear time doubles with the input, super-linear backtracking at least quadruples.
      const half = worstFull.slice(0, worstFull.length / 2);
      const halfTook = Math.min(timeOnce(half), timeOnce(half));
      const fullTook = Math.min(worst, timeOnce(worstFull));
      expect(fullTook / halfTook, `worst input starts ${JSON.stringify(worstInput)}: ${fullTook.toFixed(0)} ms for 100 KB, ${halfTook.toFixed(0)} ms for 50 KB`).toBeLessThan(3);
      return;
    }
    expect(worst, `worst input starts ${JSON.stringify(worstInput)}`).toBeLessThan(BOUND_MS);
  });
});
