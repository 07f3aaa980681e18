import { envValue } from './define-provider.js';
import type { RotationContext } from './provider-types.js';
import { providerMisconfigured, RotationError } from './rotation-errors.js';

/**
 * The new value of a credential the provider's API cannot create (a GitHub token is made in the
 * web UI): from the environment variable named by option `newValueEnv`, else asked of the user
 * (hidden input on a terminal). It must differ from the current value and may be shape-checked.
 */
export async function userSuppliedValue(
  ctx: RotationContext<{ newValueEnv?: string }>,
  provider: string,
  what: string,
  looksRight?: (value: string) => boolean,
): Promise<string> {
  const fromEnv = ctx.options.newValueEnv === undefined ? undefined : envValue(ctx.io.env, ctx.options.newValueEnv);
  let value: string | undefined = fromEnv;
  if (value === undefined) {
    if (!ctx.io.askSecret) {
      throw providerMisconfigured(
        provider,
        `${ctx.name} needs ${what}, and there is nobody to ask (no terminal)`,
        `Create it, then run unleak rotate in a terminal, or put it in an environment variable named by option newValueEnv.`,
      );
    }
    value = (await ctx.io.askSecret(`${ctx.name}: paste ${what} (input hidden): `)).trim();
  }
  if (value === '')
    throw new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', `${provider}: no new value given for ${ctx.name}`, { step: 'create' });
  if (value === ctx.currentValue)
    throw new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', `${provider}: the new value for ${ctx.name} is the current (leaked) one`, {
      step: 'create',
    });
  if (looksRight && !looksRight(value))
    throw new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', `${provider}: the value given for ${ctx.name} does not look like ${what}`, {
      step: 'create',
    });
  return value;
}
