import type { Problem } from '../errors.js';
import { parseDuration } from './duration.js';

/**
 * The rotation part of `.unleak.yaml`:
 *
 *   maxAge: 90d                      # `rotate --due` and `status`: values older than this are due
 *   rotation:
 *     grace: 1h                      # old credential kept alive this long where the system allows two
 *     secrets:
 *       DATABASE_URL:                # per store entry: provider, maxAge, grace, provider options
 *         provider: postgres
 *         adminUrlEnv: PROD_PG_ADMIN_URL
 *   providers:
 *     postgres: { adminUrlEnv: UNLEAK_POSTGRES_ADMIN_URL }    # options of a built-in provider
 *     vault: { module: ./tools/vault-rotation.mjs, … }       # a custom provider, loaded by path
 */

/** Settings of one store entry under `rotation.secrets`. */
export interface SecretRotationSettings {
  provider?: string;
  maxAgeMs?: number;
  graceMs?: number;
  /** Everything else: provider options, validated by the provider. */
  options: Record<string, unknown>;
}

/** The rotation settings after structural validation (provider options are checked later). */
export interface RotationSettings {
  /** The config file, for problems (`<defaults>` when there is none). */
  file: string;
  maxAgeMs?: number;
  graceMs: number;
  /** `providers.<id>` without `module`. */
  providerOptions: Record<string, Record<string, unknown>>;
  /** Custom providers: id → module path as written. */
  modules: Record<string, string>;
  secrets: Record<string, SecretRotationSettings>;
  /** Problems found so far; loadProviderRegistry adds its own and throws them all at once. */
  problems: Problem[];
}

/** The config keys this file reads (a subset of UnleakConfig, so tests can pass plain objects). */
export interface RotationConfigInput {
  maxAge?: unknown;
  rotation?: unknown;
  providers?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function duration(value: unknown, field: string, file: string, problems: Problem[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (ms === undefined) problems.push({ file, field, message: 'a duration such as 90d, 12h, 2w, 30m, 45s or a number of seconds' });
  return ms;
}

function parseSecrets(value: unknown, file: string, problems: Problem[]): Record<string, SecretRotationSettings> {
  const secrets: Record<string, SecretRotationSettings> = {};
  if (value === undefined) return secrets;
  if (!isRecord(value)) {
    problems.push({ file, field: 'rotation.secrets', message: 'a map from store entry names to settings' });
    return secrets;
  }
  for (const [name, raw] of Object.entries(value)) {
    const field = `rotation.secrets.${name}`;
    if (!isRecord(raw)) {
      problems.push({ file, field, message: 'a map of settings (provider, maxAge, grace and provider options)' });
      continue;
    }
    const { provider, maxAge, grace, ...options } = raw;
    if (provider !== undefined && (typeof provider !== 'string' || provider === ''))
      problems.push({ file, field: `${field}.provider`, message: 'a provider id' });
    secrets[name] = {
      provider: typeof provider === 'string' && provider !== '' ? provider : undefined,
      maxAgeMs: duration(maxAge, `${field}.maxAge`, file, problems),
      graceMs: duration(grace, `${field}.grace`, file, problems),
      options,
    };
  }
  return secrets;
}

/** Reads `maxAge`, `rotation` and `providers`, collecting problems (see RotationSettings.problems) rather than throwing. */
export function parseRotationSettings(config: RotationConfigInput, file = '<defaults>'): RotationSettings {
  const problems: Problem[] = [];
  const maxAgeMs = duration(config.maxAge, 'maxAge', file, problems);
  const rotation = config.rotation ?? {};
  let graceMs = 0;
  let secrets: Record<string, SecretRotationSettings> = {};
  if (!isRecord(rotation)) {
    problems.push({ file, field: 'rotation', message: 'a map with grace and secrets' });
  } else {
    for (const key of Object.keys(rotation)) {
      if (key !== 'grace' && key !== 'secrets')
        problems.push({ file, field: `rotation.${key}`, message: 'unknown key (expected grace or secrets)' });
    }
    graceMs = duration(rotation.grace, 'rotation.grace', file, problems) ?? 0;
    secrets = parseSecrets(rotation.secrets, file, problems);
  }
  const providerOptions: Record<string, Record<string, unknown>> = {};
  const modules: Record<string, string> = {};
  const providers = config.providers ?? {};
  if (!isRecord(providers)) {
    problems.push({ file, field: 'providers', message: 'a map from provider ids to options' });
  } else {
    for (const [id, raw] of Object.entries(providers)) {
      if (!isRecord(raw)) {
        problems.push({ file, field: `providers.${id}`, message: 'a map of options' });
        continue;
      }
      const { module, ...options } = raw;
      if (module !== undefined) {
        if (typeof module === 'string' && module !== '') modules[id] = module;
        else problems.push({ file, field: `providers.${id}.module`, message: 'a module path, e.g. ./tools/my-provider.mjs' });
      }
      providerOptions[id] = options;
    }
  }
  return { file, maxAgeMs, graceMs, providerOptions, modules, secrets, problems };
}

/** The merged options for one entry: `providers.<id>` overlaid with `rotation.secrets.<NAME>`. */
export function optionsFor(settings: RotationSettings, providerId: string, name: string): Record<string, unknown> {
  return { ...(settings.providerOptions[providerId] ?? {}), ...(settings.secrets[name]?.options ?? {}) };
}

/** The maxAge that applies to an entry (its own, else the global one). */
export function maxAgeFor(settings: RotationSettings, name: string): number | undefined {
  return settings.secrets[name]?.maxAgeMs ?? settings.maxAgeMs;
}

/** The grace period that applies to an entry (its own, else `rotation.grace`, else 0). */
export function graceFor(settings: RotationSettings, name: string): number {
  return settings.secrets[name]?.graceMs ?? settings.graceMs;
}
