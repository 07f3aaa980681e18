import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  createStore,
  openStore,
  parseIdentities,
  updateStore,
  writeNewIdentityFile,
  type AgeIdentity,
  type SecretMeta,
} from '../../../src/store/index.js';
import { runCli, tempRepo, type CliRun } from '../../helpers/cli.js';

/** A store entry to seed: name, value and metadata. */
export interface SeedEntry {
  name: string;
  value: string;
  meta?: Partial<SecretMeta>;
}

/** A git repository with an encrypted store, an identity to open it, and a way to run the CLI in it. */
export interface RotateRepo {
  root: string;
  env: NodeJS.ProcessEnv;
  identities: AgeIdentity[];
  cli(argv: string[], options?: { stdin?: string; env?: NodeJS.ProcessEnv }): Promise<CliRun>;
  /** The store as it is now: name → { value, previous, pending, meta }. */
  read(): Promise<Map<string, { value: string; previous?: string; pending?: string; meta?: SecretMeta }>>;
  /** The actions of the audit trail for one entry, in order. */
  auditActions(name: string): string[];
  write(path: string, text: string, mode?: number): void;
}

/** Creates the repository, the store (seeded) and `.unleak.yaml` (if given). */
export async function rotateRepo(entries: SeedEntry[], config?: string): Promise<RotateRepo> {
  const root = tempRepo();
  const home = mkdtempSync(join(tmpdir(), 'unleak-rotate-home-'));
  const keyFile = join(home, 'keys.txt');
  const recipient = await writeNewIdentityFile(keyFile);
  const identities = await parseIdentities(readFileSync(keyFile, 'utf8'), keyFile);
  await createStore({ root, recipients: [recipient], actor: 'tester@example.com' });
  await updateStore({ root, identities, actor: 'tester@example.com' }, (store) => {
    for (const entry of entries) store.set(entry.name, entry.value, { ...entry.meta, action: 'import' });
  });
  const env: NodeJS.ProcessEnv = {
    UNLEAK_AGE_KEY_FILE: keyFile,
    XDG_CONFIG_HOME: home,
    UNLEAK_ENV: undefined,
    GIT_AUTHOR_EMAIL: 'tester@example.com',
  };
  const write = (path: string, text: string, mode?: number): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    if (mode !== undefined) chmodSync(join(root, path), mode);
  };
  if (config !== undefined) write('.unleak.yaml', config);
  return {
    root,
    env,
    identities,
    write,
    cli: (argv, options = {}) => runCli(argv, root, { stdin: options.stdin, env: { ...env, ...options.env } }),
    read: async () => {
      const store = await openStore({ root, identities });
      return new Map(
        store.list().map((entry) => [
          entry.name,
          {
            value: store.get(entry.name),
            previous: store.getPrevious(entry.name),
            pending: store.getPending(entry.name),
            meta: entry.meta,
          },
        ]),
      );
    },
    auditActions: (name) =>
      readFileSync(join(root, '.unleak', 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { action: string; secret?: string })
        .filter((entry) => entry.secret === name)
        .map((entry) => entry.action),
  };
}

/**
 * Scripts for the command provider that manage a pretend system: $SYSTEM_DIR/live.txt lists the
 * values that work. Returns the folder; `live()` reads it.
 */
export function commandSystem(repo: RotateRepo, initial: string[]): { dir: string; live: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-system-'));
  writeFileSync(join(dir, 'live.txt'), initial.map((value) => `${value}\n`).join(''));
  repo.write(
    'tools/create.sh',
    '#!/bin/sh\nset -e\nread -r current\ngrep -qx "$current" "$SYSTEM_DIR/live.txt"\nnew=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d \' \\n\')\necho "$new" >> "$SYSTEM_DIR/live.txt"\necho "$new"\n',
    0o755,
  );
  repo.write('tools/test.sh', '#!/bin/sh\nread -r value\ngrep -qx "$value" "$SYSTEM_DIR/live.txt"\n', 0o755);
  repo.write(
    'tools/revoke.sh',
    '#!/bin/sh\nread -r value\ngrep -vx "$value" "$SYSTEM_DIR/live.txt" > "$SYSTEM_DIR/live.tmp" || true\nmv "$SYSTEM_DIR/live.tmp" "$SYSTEM_DIR/live.txt"\n',
    0o755,
  );
  repo.write('tools/fail.sh', '#!/bin/sh\ncat >/dev/null\nexit 9\n', 0o755);
  repo.write('tools/rollback.sh', '#!/bin/sh\ncat > "$SYSTEM_DIR/rollback.json"\n', 0o755);
  repo.env.SYSTEM_DIR = dir;
  return { dir, live: () => readFileSync(join(dir, 'live.txt'), 'utf8').split('\n').filter(Boolean) };
}
