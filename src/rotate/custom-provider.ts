import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { UnleakError } from '../errors.js';
import type { RotationProvider } from './provider-types.js';

/**
 * Custom providers, the way vitest loads a custom coverage provider: `.unleak.yaml` names a module
 * (`providers.<id>.module: ./tools/vault-rotation.mjs`, relative to the repository root, or a
 * package name) whose default export is a provider object, or a function returning one (possibly
 * async). A load error names the module and keeps the cause.
 */

const REQUIRED = ['matches', 'rotate', 'verify', 'revokePrevious'] as const;

function loadFailed(id: string, module: string, reason: string, cause?: unknown): UnleakError {
  return new UnleakError('UNLEAK_ROTATION_PROVIDER_LOAD', `cannot load rotation provider "${id}" from ${module}: ${reason}`, {
    cause,
    hint: 'The module must default-export a rotation provider { matches, rotate, verify, revokePrevious, … } or a function returning one (see docs/rotate.md).',
  });
}

/** Imports and checks a custom provider module; it is registered under `id`. */
export async function loadCustomProvider(id: string, module: string, cwd: string): Promise<RotationProvider> {
  const specifier = module.startsWith('.') || isAbsolute(module) ? pathToFileURL(resolve(cwd, module)).href : module;
  let loaded: unknown;
  try {
    loaded = ((await import(specifier)) as { default?: unknown }).default;
  } catch (error) {
    throw loadFailed(id, module, (error as Error).message?.split('\n')[0] ?? String(error), error);
  }
  let candidate: unknown = loaded;
  try {
    if (typeof loaded === 'function') candidate = await (loaded as () => unknown)();
  } catch (error) {
    throw loadFailed(id, module, `its factory threw: ${(error as Error).message?.split('\n')[0] ?? String(error)}`, error);
  }
  if (typeof candidate !== 'object' || candidate === null)
    throw loadFailed(id, module, 'it has no default export (or it is not an object)');
  const record = candidate as Record<string, unknown>;
  const missing = REQUIRED.filter((key) => typeof record[key] !== 'function');
  if (missing.length) throw loadFailed(id, module, `the provider lacks ${missing.join(', ')}`);
  const options = record.options as { safeParse?: unknown } | undefined;
  const schema = typeof options?.safeParse === 'function' ? options : z.record(z.string(), z.unknown());
  return {
    id,
    title: typeof record.title === 'string' ? record.title : `custom provider (${module})`,
    docs: typeof record.docs === 'string' ? record.docs : module,
    dualCredentials: record.dualCredentials === true,
    options: schema as z.ZodType<Record<string, unknown>>,
    matches: (subject) => subject.provider === id || Boolean((record.matches as RotationProvider['matches'])(subject)),
    plan: (ctx) => (typeof record.plan === 'function' ? (record.plan as RotationProvider['plan'])(ctx) : [`${id}: rotate with ${module}`]),
    rotate: (ctx) => (record.rotate as RotationProvider['rotate'])(ctx),
    verify: (ctx, value) => (record.verify as RotationProvider['verify'])(ctx, value),
    revokePrevious: (ctx) => (record.revokePrevious as RotationProvider['revokePrevious'])(ctx),
  };
}
