import type { RotationProvider } from './provider-types.js';

/**
 * Erases a provider's option type for the registry. Safe because the protocol only ever calls a
 * provider with options its own `options` schema produced.
 */
export function defineProvider<Options>(provider: RotationProvider<Options>): RotationProvider {
  return provider as unknown as RotationProvider;
}

/** The admin URL a provider reads from the environment variable named in its options. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
