import { randomBytes } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliIo } from '../io.js';
import { readAll } from '../io.js';
import { UnleakError } from '../../errors.js';
import { loadConfig } from '../../config/index.js';
import {
  encryptedRotationStore,
  loadProviderRegistry,
  rotationClients,
  parseRotationSettings,
  type ProviderRegistry,
  type RotationIo,
  type RotationStore,
} from '../../rotate/index.js';
import type { StoreAccess } from '../../store/index.js';
import { openStoreSession } from '../store/store-context.js';
import { hiddenPrompt } from '../hidden-prompt.js';

/** What rotate and status share: the repository, its store, its config and the providers. */

/** The --env, --store and --config options. */
export interface RotateStoreOptions {
  env?: string;
  store?: string;
  config?: string;
}

/** Everything a rotate or status run needs. */
export interface RotateSession {
  root: string;
  access: StoreAccess;
  store: RotationStore;
  registry: ProviderRegistry;
  io: RotationIo;
  /** `.unleak.yaml` `verify.hosts`: the self-hosted hosts the live verification asks too. */
  verifyHosts: Record<string, string[]>;
}

/** The RotationIo of the real process, talking to the user through the CLI io. */
export function cliRotationIo(io: CliIo, root: string): RotationIo {
  let stdinUsed = false;
  return {
    ...rotationClients,
    env: io.env,
    cwd: root,
    now: () => new Date(),
    sleep: (ms) => sleep(ms),
    randomBytes: (size) => randomBytes(size),
    askSecret: async (question) => {
      if (io.stdinIsTty) return hiddenPrompt(io, question);
      if (stdinUsed)
        throw new UnleakError('UNLEAK_USAGE', 'only one new value can come from stdin per run', {
          hint: 'Rotate such entries one at a time, or run in a terminal.',
        });
      stdinUsed = true;
      io.stderr(`${question.replace(/ \(input hidden\): $/, '')}: reading it from stdin\n`);
      return (await readAll(io.stdin)).replace(/\r?\n$/, '');
    },
    log: (line) => io.stderr(`${line}\n`),
  };
}

/** Opens the repository: store location and identities, config, provider registry. */
export async function openRotateSession(io: CliIo, options: RotateStoreOptions): Promise<RotateSession> {
  const { root, access } = await openStoreSession(io, options);
  const resolved = loadConfig(root, options.config === undefined ? undefined : resolve(io.cwd, options.config));
  const settings = parseRotationSettings(resolved.config, resolved.file ? relative(root, resolved.file) || resolved.file : '<defaults>');
  const registry = await loadProviderRegistry(settings, root);
  const verifyHosts = Object.fromEntries(
    Object.entries(resolved.config.verify?.hosts ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
  );
  return { root, access, store: encryptedRotationStore(access), registry, io: cliRotationIo(io, root), verifyHosts };
}
