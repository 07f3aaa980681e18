import * as z from 'zod';
import { assertPassable, rotationChildEnv } from '../child-env.js';
import { defineProvider } from '../define-provider.js';
import { twoPhaseHandle } from '../handle.js';
import { generatePassword } from '../password.js';
import type { RotationContext } from '../provider-types.js';
import { providerFailed, providerMisconfigured, RotationError } from '../rotation-errors.js';

/**
 * Rotation by the user's own scripts, one per step. Each runs without a shell when given as a list
 * (`[./rotate.sh, --prod]`) or with `/bin/sh -c` when given as a string, in the repository root.
 * Its environment holds only PATH, HOME, USER, SHELL, locale, TZ and TMPDIR, the variables listed
 * in option `passEnv` (a name, or a prefix ending in `_`), and UNLEAK_SECRET_NAME and
 * UNLEAK_ROTATION_STEP: never unleak's own secrets (SOPS_AGE_KEY and other identities, admin URLs,
 * the webhook signing key), not even when listed. Values travel on stdin (with
 * a final newline, so `read -r value` works) and stdout only, never in arguments or the
 * environment, where `ps` and child processes see them:
 *
 *   command   stdin: the current value     stdout: the new value (one trailing newline dropped)
 *   test      stdin: the new value         exit 0 when it works
 *   revoke    stdin: the old value         exit 0 when it is revoked
 *   rollback  stdin: JSON {name, newValue, oldValue, revokeStarted}   undo what was done
 *
 * With `generate: true`, unleak makes the new value itself (a random password, saved in the store
 * as pending before the script runs, so an interruption cannot lose it) and passes it to `command`
 * as a second stdin line; the script sets it and prints nothing (or prints it back).
 *
 * A non-zero exit (or the timeout) aborts the rotation. Only `command` is required; without a
 * `rollback` script a failed test or revoke leaves both values in the store for `rotate --finish`.
 */

const program = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const options = z
  .object({
    command: program.optional(),
    test: program.optional(),
    revoke: program.optional(),
    rollback: program.optional(),
    /** unleak generates the new value (letters and digits) and gives it to `command` on stdin, line 2. */
    generate: z.boolean().default(false),
    passwordLength: z.number().int().min(16).max(128).default(32),
    /** True when the old value keeps working until `revoke` (allows a grace period). */
    keepsOld: z.boolean().default(false),
    timeoutMs: z.number().int().positive().default(60_000),
    /** Environment variables the scripts get besides the basics: names, or prefixes ending in `_`. */
    passEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
    /** Pass the scripts' stderr through to unleak's (off by default: it might echo a value). */
    showStderr: z.boolean().default(false),
  })
  .strict();

type Options = z.infer<typeof options>;
type Ctx = RotationContext<Options>;
type Step = 'command' | 'test' | 'revoke' | 'rollback';

const describe = (spec: string | string[]): string => (Array.isArray(spec) ? spec.join(' ') : spec);

async function runStep(ctx: Ctx, step: Step, input: string): Promise<string> {
  const spec = ctx.options[step];
  if (spec === undefined) return '';
  const [file, args] = Array.isArray(spec) ? [spec[0] as string, spec.slice(1)] : ['/bin/sh', ['-c', spec]];
  assertPassable('command', ctx.options.passEnv);
  const env = rotationChildEnv(ctx.io.env, ctx.options.passEnv, {
    UNLEAK_SECRET_NAME: ctx.name,
    UNLEAK_ROTATION_STEP: step === 'command' ? 'create' : step,
  });
  let result;
  try {
    result = await ctx.io.exec(file, args, { input, env, cwd: ctx.io.cwd, timeoutMs: ctx.options.timeoutMs });
  } catch (error) {
    throw providerFailed(
      'command',
      `cannot run the ${step} script (${describe(spec)}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  if (ctx.options.showStderr) for (const line of result.stderr.split('\n').filter(Boolean)) ctx.io.log(`  ${step}: ${line}`);
  if (result.code !== 0) {
    const how = result.timedOut
      ? `was stopped after ${ctx.options.timeoutMs} ms`
      : result.code === null
        ? `was killed (${result.signal})`
        : `exited with code ${result.code}`;
    throw providerFailed('command', `the ${step} script (${describe(spec)}) ${how}`, {
      hint: ctx.options.showStderr ? undefined : 'Set showStderr: true in its options to see what it printed on stderr.',
    });
  }
  return result.stdout;
}

export const commandProvider = defineProvider<Options>({
  id: 'command',
  title: 'your own scripts (value on stdin, new value on stdout)',
  docs: 'docs/rotate.md#command',
  dualCredentials: false,
  options,
  matches: (subject) => subject.provider === 'command',
  plan: (ctx) => [
    ...(ctx.options.generate ? ['prepare: generate the new value and save it in the store as pending'] : []),
    `create: run ${ctx.options.command ? describe(ctx.options.command) : '(no command set!)'} with the current value on stdin${ctx.options.generate ? ' (and the new one on line 2)' : ''}`,
    'store: the value it printed, the old one kept as previous',
    ctx.options.test ? `test: run ${describe(ctx.options.test)}` : 'test: (no test script)',
    ctx.options.revoke ? `revoke: run ${describe(ctx.options.revoke)}` : 'revoke: (no revoke script: revoke the old value yourself)',
  ],
  check(ctx) {
    if (!ctx.options.command)
      throw providerMisconfigured(
        'command',
        `no command set for ${ctx.name}`,
        'Set rotation.secrets.<NAME>.command (or providers.command.command) in .unleak.yaml.',
      );
    assertPassable('command', ctx.options.passEnv);
  },
  prepare: async (ctx) => (ctx.options.generate ? generatePassword(ctx.io.randomBytes, ctx.options.passwordLength) : undefined),
  async rotate(ctx) {
    if (!ctx.options.command)
      throw providerMisconfigured(
        'command',
        `no command set for ${ctx.name}`,
        'Set rotation.secrets.<NAME>.command (or providers.command.command) in .unleak.yaml.',
      );
    const printed = (
      await runStep(ctx, 'command', ctx.newValue === undefined ? `${ctx.currentValue}\n` : `${ctx.currentValue}\n${ctx.newValue}\n`)
    ).replace(/\r?\n$/, '');
    if (ctx.newValue !== undefined && printed !== '' && printed !== ctx.newValue)
      throw new RotationError(
        'UNLEAK_ROTATION_PROVIDER_FAILED',
        'command: with generate: true the script must print nothing or the value it was given',
        { step: 'create' },
      );
    const newValue = ctx.newValue ?? printed;
    if (newValue === '')
      throw new RotationError(
        'UNLEAK_ROTATION_PROVIDER_FAILED',
        'command: the script printed nothing (it must print the new value on stdout)',
        { step: 'create' },
      );
    if (newValue === ctx.currentValue)
      throw new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', 'command: the script printed the current value back, not a new one', {
        step: 'create',
      });
    const notes: string[] = [];
    if (!ctx.options.test) notes.push('no test script: the new value was not checked');
    if (!ctx.options.revoke) notes.push('no revoke script: the old value still works until you revoke it');
    let revokeStarted = false;
    return twoPhaseHandle({
      newValue,
      notes,
      oldStillWorks: ctx.options.keepsOld,
      test: async () => void (await runStep(ctx, 'test', `${newValue}\n`)),
      revoke: async () => {
        revokeStarted = true;
        await runStep(ctx, 'revoke', `${ctx.currentValue}\n`);
      },
      undoCreate: async () => {
        if (!ctx.options.rollback)
          throw providerMisconfigured(
            'command',
            'no rollback script, so the change cannot be undone',
            'Add a rollback script; until then unleak keeps both values in the store.',
          );
        await runStep(ctx, 'rollback', JSON.stringify({ name: ctx.name, newValue, oldValue: ctx.currentValue, revokeStarted }));
      },
    });
  },
  async verify(ctx, value) {
    await runStep(ctx, 'test', `${value}\n`);
  },
  async revokePrevious(ctx) {
    await runStep(ctx, 'revoke', `${ctx.previousValue}\n`);
  },
});
