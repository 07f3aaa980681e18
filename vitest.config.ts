import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { defineConfig } from 'vitest/config';

/**
 * The unit tier: pure code (engine, rules, reporters, parsers, planners, codecs). No git or
 * other processes, no services or sockets, no built dist/, no waiting on timers: `npm run
 * test:unit` runs in seconds. Every other test file is in the integration tier (git
 * repositories, services, CLI processes, the bundled Action): a new file outside the folders
 * below is integration until it is listed here. test/package/fresh-clone.test.ts fails a unit
 * file that starts a process, a git repository, a server or a database client.
 */
export const UNIT_TESTS = [
  'test/engine/**/*.test.ts',
  'test/rules/**/*.test.ts',
  'test/sources/**/*.test.ts',
  'test/report/redact.test.ts',
  'test/scan/novelty.test.ts',
  'test/scan/line-diff.test.ts',
  'test/scan/line-hash-set.test.ts',
  'test/fix/planner.test.ts',
  'test/fix/one-entry.test.ts',
  'test/fix/unexpanded-files.test.ts',
  'test/action/action-metadata.test.ts',
  'test/action/annotations.test.ts',
  'test/action/scan-plan.test.ts',
  'test/action/workflow-commands.test.ts',
  'test/store/sops-primitives.test.ts',
  'test/store/sops-vectors.test.ts',
  'test/store/foreign-json.test.ts',
  'test/rotate/protocol.test.ts',
  'test/rotate/registry.test.ts',
  'test/rotate/rotation-config.test.ts',
  'test/rotate/sigv4.test.ts',
  'test/rotate/status-selection.test.ts',
  'test/helpers/age-identity.test.ts',
  'test/helpers/example-tokens.test.ts',
  'test/helpers/external-tools.test.ts',
  'test/cli/command-layout.test.ts',
  'test/cli/early-staged.test.ts',
  'test/package/docs-paths.test.ts',
];

/** Files in unit folders that run the CLI on a git repository, or measure scan time at scale: integration. */
const NOT_UNIT = [
  'test/engine/many-matches-cli.test.ts',
  'test/engine/scan-linearity.test.ts',
  'test/sources/undecodable-folders.test.ts',
  'test/sources/bounded-read.test.ts',
  'test/sources/object-spool.test.ts',
  'test/sources/git-launcher.test.ts',
  'test/sources/pack-objects.test.ts',
];

const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };
/** The unit tier's files, relative to the repository root. */
export const unitFiles = fg.sync(UNIT_TESTS, { ignore: NOT_UNIT, cwd: fileURLToPath(new URL('.', import.meta.url)) });

export default defineConfig({
  test: {
    projects: [
      // Pure tests share one module graph per worker (isolate: false): most of their cost was
      // importing it again for each file. `npm test` runs the unit group first.
      { test: { ...shared, name: 'unit', include: unitFiles, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'integration', include: ['test/**/*.test.ts'], exclude: unitFiles, sequence: { groupOrder: 1 } } },
    ],
  },
});
