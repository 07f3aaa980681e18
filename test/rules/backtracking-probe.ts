import { createContext, Script } from 'node:vm';
import { compileRules, type RuleSpec } from '../../src/engine/index.js';

// Finds super-linear backtracking by growth, not by a time bound: a screen of small adversarial
// inputs picks each rule's slowest ones, which are then timed (CPU time) at 4,000 and 32,000
// characters. Cheap for a linear rule, and independent of how fast or busy the machine is.

/** Size of the screen that picks each rule's slowest inputs. */
const SCREEN = 1_000;
/** The two sizes of the growth measurement. */
export const SMALL = 4_000;
export const LARGE = 32_000;
/** CPU time grows 8 times from SMALL to LARGE when matching is linear, 64 times when quadratic. */
const MAX_GROWTH = 24;
/** Below this many CPU milliseconds at LARGE the ratio is timer noise, not backtracking. */
const NOISE_FLOOR_MS = 8;

const FILLERS = ['a', 'A', 'z', '0', '9', 'f', '-', '_', '=', '"', "'", ':', ' ', '\n', '\t', '/', '+', '.', '@', '\\', '%', '{', '$', 'aB3', 'a=', 'A0-'];

/** A recipe for one adversarial input, so that the same shape can be built at any size. */
type Shape = (size: number) => string;

const fill = (text: string, size: number) => text.repeat(Math.ceil(size / text.length)).slice(0, size);

/** Inputs built to make a backtracking regex go super-linear: long runs of its prefixes and classes. */
export function adversarialShapes(keywords: string[], pattern: string): Shape[] {
  const literals = [...new Set(pattern.replace(/\\[dDwWsSbB]|\\./g, '').match(/[A-Za-z0-9_\-=:@./+]{3,}/g) ?? [])].slice(0, 4);
  const prefixes = [...new Set([...keywords, ...literals])];
  const shapes: Shape[] = [];
  for (const filler of FILLERS) {
    shapes.push((size) => fill(filler, size));
    for (const prefix of prefixes) {
      shapes.push((size) => fill(prefix + filler.repeat(40), size));
      shapes.push((size) => prefix + fill(filler, size));
    }
  }
  for (const prefix of prefixes) shapes.push((size) => fill(prefix, size));
  return shapes;
}

/** CPU milliseconds of this process: on a busy machine wall time stretches long runs more than short ones. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// The matching runs in a vm script with a deadline, so an exponential pattern fails the test
// instead of hanging the worker.
const context = createContext({ matcher: undefined, inputs: [], now: cpuMs });
const timeEach = new Script('inputs.map((input) => { const started = now(); for (const _ of matcher.matches(input)); return now() - started; })');

/** CPU milliseconds each input takes to match; undefined when they take longer than `deadlineMs` (wall time) in all. */
function time(matcher: unknown, inputs: string[], deadlineMs: number): number[] | undefined {
  Object.assign(context, { matcher, inputs });
  try {
    return [...(timeEach.runInContext(context, { timeout: deadlineMs }) as number[])];
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return undefined;
    throw error;
  } finally {
    Object.assign(context, { matcher: undefined, inputs: [] });
  }
}

/** What the probe found for one rule: undefined when linear, else why not. */
export function superLinearity(spec: RuleSpec, options: { deadlineMs?: number; candidates?: number } = {}): string | undefined {
  const deadlineMs = options.deadlineMs ?? 5_000;
  const [rule] = compileRules([{ spec, engine: 'js' }]).rules;
  const shapes = adversarialShapes(spec.keywords, spec.pattern);
  const screen = time(rule!.matcher, shapes.map((shape) => shape(SCREEN)), deadlineMs);
  if (!screen) return `${shapes.length} inputs of ${SCREEN} characters took more than ${deadlineMs} ms: exponential backtracking`;
  // The slowest inputs of the screen are the candidates; each is timed again at both sizes.
  const worst = screen.map((ms, i) => [ms, i] as const).sort((a, b) => b[0] - a[0]).slice(0, options.candidates ?? 3);
  for (const [, i] of worst) {
    const shape = shapes[i]!;
    const runs = (size: number, count: number) => time(rule!.matcher, Array.from({ length: count }, () => shape(size)), deadlineMs) ?? [Infinity];
    let small = Math.min(...runs(SMALL, 3));
    if (small === Infinity) return `input ${JSON.stringify(shape(60))}…: ${SMALL} characters took more than ${deadlineMs} ms`;
    let large = Math.min(...runs(LARGE, 1));
    if (large < NOISE_FLOOR_MS || large / small <= MAX_GROWTH) continue;
    // Confirm before failing: a busy machine can stall one run, backtracking is slow every time.
    small = Math.min(small, ...runs(SMALL, 3));
    if (large !== Infinity) large = Math.min(large, ...runs(LARGE, 1));
    if (large === Infinity) return `input ${JSON.stringify(shape(60))}…: ${LARGE} characters took more than ${deadlineMs} ms`;
    const growth = large / Math.max(small, 0.01);
    if (growth > MAX_GROWTH) return `input ${JSON.stringify(shape(60))}…: ${small.toFixed(2)} ms for ${SMALL} characters, ${large.toFixed(1)} ms for ${LARGE} (${growth.toFixed(0)}x for 8x the input)`;
  }
  return undefined;
}
