import * as z from 'zod';
import type { Problem } from '../errors.js';
import type { RuleSpec } from './types.js';
import { findValidator } from './validators/index.js';
import { checkRe2Pattern } from './matchers.js';
import type { RegexEngine } from './compile.js';

const nonEmpty = z.string().min(1);

/** The schema of one rule (DESIGN.md §3, README "Writing a rule"). */
export const ruleSpecSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)+$/, 'must be kebab-case <provider>-<kind>'),
    title: nonEmpty,
    description: nonEmpty,
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    keywords: z
      .array(
        z
          .string()
          .min(2)
          .regex(/^[^A-Z]*$/, 'keywords are lower-case literals'),
      )
      .min(1, 'at least one keyword is required'),
    pattern: nonEmpty,
    flags: z
      .string()
      .regex(/^[im]*$/, 'only the flags i and m are accepted')
      .optional(),
    secretGroup: z.union([z.number().int().min(0), nonEmpty]).optional(),
    entropy: z.number().min(0).max(8).optional(),
    validator: nonEmpty.optional(),
    allow: z.array(nonEmpty).optional(),
    stopwords: z.array(nonEmpty).optional(),
    scope: z.enum(['line', 'keyword']).optional(),
    linesBefore: z.number().int().min(1).max(10).optional(),
    requires: z.enum(['uuid']).optional(),
    excludePaths: z.array(nonEmpty).optional(),
    paths: z.array(nonEmpty).optional(),
    envName: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an UPPER_SNAKE environment variable name')
      .optional(),
    provider: nonEmpty.optional(),
    tags: z.array(nonEmpty).optional(),
    detector: z.literal('vendor-proximity').optional(),
    references: z.array(z.string().url()).min(1, 'at least one link to the public doc of the token format'),
    examples: z
      .object({
        positive: z.array(nonEmpty).min(2, 'at least two positive examples'),
        negative: z
          .array(z.object({ text: z.string(), reason: nonEmpty }).strict())
          .min(2, 'at least two negative examples, each with its reason'),
      })
      .strict(),
  })
  .strict();

/** A rule from `.unleak.yaml`: references and examples are welcome but optional; the pattern is RE2. */
export const customRuleSpecSchema = ruleSpecSchema.extend({
  references: z.array(z.string().url()).default([]),
  examples: z
    .object({
      positive: z.array(nonEmpty).default([]),
      negative: z.array(z.object({ text: z.string(), reason: nonEmpty }).strict()).default([]),
    })
    .strict()
    .default({ positive: [], negative: [] }),
});

/** The message of the error a regex compiler throws on `source`, or undefined when it compiles. */
function compileError(compile: () => unknown): string | undefined {
  try {
    compile();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Checks what the schema cannot: every regex compiles on the engine that will run it (RE2 for
 * a custom rule: its pattern, `allow`, `paths` and `excludePaths`), the secret group exists, the
 * validator is known.
 */
function semanticProblems(spec: RuleSpec, file: string, at: string, engine: RegexEngine): Problem[] {
  const problems: Problem[] = [];
  const check = (source: string, field: string, flags = ''): boolean => {
    const message = compileError(() => (engine === 're2' ? checkRe2Pattern(source, flags, 0) : new RegExp(source, flags)));
    if (message === undefined) return true;
    const what = engine === 're2' ? 'invalid RE2 pattern (custom rules use RE2 syntax, as gitleaks)' : 'invalid regular expression';
    problems.push({ file, field: `${at}${field}`, message: `${what}: ${message}` });
    return false;
  };
  if (check(spec.pattern, 'pattern', spec.flags ?? '') && spec.secretGroup !== undefined) {
    const ok =
      engine === 're2'
        ? compileError(() => checkRe2Pattern(spec.pattern, spec.flags ?? '', spec.secretGroup ?? 0)) === undefined
        : jsHasGroup(spec);
    if (!ok) problems.push({ file, field: `${at}secretGroup`, message: `the pattern has no group ${spec.secretGroup}` });
  }
  spec.allow?.forEach((source, i) => check(source, `allow[${i}]`, 'i'));
  spec.excludePaths?.forEach((source, i) => check(source, `excludePaths[${i}]`));
  spec.paths?.forEach((source, i) => check(source, `paths[${i}]`));
  if (spec.validator && !findValidator(spec.validator))
    problems.push({ file, field: `${at}validator`, message: `unknown validator "${spec.validator}"` });
  return problems;
}

/** True when a JavaScript pattern has the rule's secret group (by index or name). */
function jsHasGroup(spec: RuleSpec): boolean {
  const probe = new RegExp(`${spec.pattern}|`, spec.flags ?? '').exec('');
  const groupCount = (probe?.length ?? 1) - 1;
  return typeof spec.secretGroup === 'number'
    ? spec.secretGroup <= groupCount
    : Object.hasOwn(probe?.groups ?? {}, spec.secretGroup as string);
}

/**
 * Validates raw rule objects from one file. Returns the valid rules and every problem found,
 * each with the file and the field (`rules[3].pattern`).
 */
export function validateRuleSpecs(
  raw: unknown,
  file: string,
  options: { prefix?: string; custom?: boolean } = {},
): { rules: RuleSpec[]; problems: Problem[] } {
  const prefix = options.prefix ?? '';
  const schema = options.custom ? customRuleSpecSchema : ruleSpecSchema;
  const engine: RegexEngine = options.custom ? 're2' : 'js';
  const problems: Problem[] = [];
  const rules: RuleSpec[] = [];
  if (!Array.isArray(raw)) return { rules, problems: [{ file, field: prefix || 'rules', message: 'expected a list of rules' }] };
  raw.forEach((item, index) => {
    const at = `${prefix}[${index}].`;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file, field: `${at}${issue.path.join('.')}`.replace(/\.$/, ''), message: issue.message });
      return;
    }
    const spec = parsed.data as RuleSpec;
    const semantic = semanticProblems(spec, file, at, engine);
    problems.push(...semantic);
    if (semantic.length === 0) rules.push(spec);
  });
  return { rules, problems };
}
