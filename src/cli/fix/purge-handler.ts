import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT_CLEAN, EXIT_FINDINGS, UnleakError } from '../../errors.js';
import { secretSha256 } from '../../filters/index.js';
import { purge } from '../../fix/index.js';
import { redact } from '../../report/index.js';
import { gitTopLevel } from '../../sources/index.js';
import { resolveStoreFile } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { fixStoreSetup } from './fix-store-setup.js';
import { collaboratorSteps, keptText, previewText, restoreText, verificationText } from './purge-output.js';

/** Options of `unleak purge` as commander parses them. */
export interface PurgeCliOptions {
  report?: string;
  secret?: string[];
  env?: string;
  backup?: string;
  dryRun?: boolean;
  yes?: boolean;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

async function historyScanHits(values: purge.PurgeValue[], io: CliIo): Promise<{ found: string[] } | { unavailable: string }> {
  try {
    const { runScan } = await import('../../scan/index.js');
    const result = await runScan({ kind: 'history', quiet: true }, { cwd: io.cwd, env: io.env });
    const purged = new Map(values.map((v) => [secretSha256(v.value), v.name]));
    return {
      found: result.findings
        .filter((f) => purged.has(secretSha256(f.secret)))
        .map((f) => `${purged.get(secretSha256(f.secret))} in ${f.path}${f.commit ? ` @ ${f.commit.slice(0, 12)}` : ''}`),
    };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

/** The values to purge: a report's, the named store entries, or by default the history scan's plus the store's leaked ones. */
async function chooseValues(options: PurgeCliOptions, root: string, io: CliIo): Promise<{ values: purge.PurgeValue[]; envFlag: string }> {
  if (options.report) {
    const read = await purge.reportValues(options.report, io.cwd, root, io.env);
    for (const note of read.notes) io.stderr(`unleak: note: ${note}\n`);
    return { values: read.values, envFlag: '' };
  }
  const setup = await fixStoreSetup(root, options.env, io);
  if (options.secret?.length) return { values: await purge.leakedStoreValues(setup.access, options.secret), envFlag: setup.envFlag };
  const stored = existsSync(resolveStoreFile(setup.access)) ? await purge.leakedStoreValues(setup.access) : [];
  const scanned = await purge.historyScanValues(root, io.env);
  for (const note of scanned.notes) io.stderr(`unleak: note: ${note}\n`);
  return { values: purge.mergeValues(stored, scanned.values), envFlag: setup.envFlag };
}

/** `unleak purge`: removes the leaked values from every commit of every ref with git filter-repo. */
export async function purgeHandler(options: PurgeCliOptions, io: CliIo): Promise<number> {
  const root = await gitTopLevel(io.cwd, io.env);
  if (!root) throw new UnleakError('UNLEAK_NOT_A_REPO', 'unleak purge rewrites git history: run it inside a git repository');
  const hasFilterRepo = Boolean(await purge.filterRepoVersion(io.env));
  if (!hasFilterRepo && !options.dryRun)
    throw new UnleakError('UNLEAK_FILTER_REPO_MISSING', 'git filter-repo is not installed', {
      hint: `${purge.FILTER_REPO_INSTALL_HINT} (--dry-run works without it)`,
    });
  const { values, envFlag } = await chooseValues(options, root, io);
  if (values.length === 0) {
    io.stdout(
      options.report
        ? 'unleak purge: nothing to purge: no finding of the report could be verified.\n'
        : 'unleak purge: nothing to purge: unleak scan --history finds nothing and no store entry is marked leaked.\n',
    );
    return options.report ? EXIT_FINDINGS : EXIT_CLEAN;
  }
  io.stdout(`unleak purge: ${values.length} value${values.length === 1 ? '' : 's'} to remove from every commit, tag and commit message:\n`);
  for (const value of values)
    io.stdout(`  ${value.name.padEnd(24)} ${redact(value.value.split('\n')[0] ?? '')}  → ${purge.replacementFor(value.name)}\n`);
  if (!options.dryRun && !options.yes) {
    throw new UnleakError('UNLEAK_CONFIRMATION_REQUIRED', 'purge rewrites the history of every branch and tag and needs --yes', {
      hint: 'See what would change with --dry-run, then run again with --yes.',
    });
  }
  const dirty = await purge.dirtyFiles(root, io.env);
  if (options.dryRun) {
    if (dirty.length)
      io.stderr(
        `unleak: note: the work tree has uncommitted changes (${dirty.slice(0, 3).join(', ')}); commit them before the real purge\n`,
      );
    if (!hasFilterRepo)
      io.stderr(`unleak: note: the real purge needs git filter-repo, which is not installed. ${purge.FILTER_REPO_INSTALL_HINT}\n`);
    io.stdout(previewText(await purge.previewPurge(root, values, io.env)));
    return EXIT_CLEAN;
  }
  if (dirty.length) {
    throw new UnleakError(
      'UNLEAK_PURGE_DIRTY_TREE',
      `the work tree has uncommitted changes: ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}`,
      {
        hint: 'Commit or stash them first (after `unleak fix`, commit the fix): filter-repo resets the work tree to the rewritten HEAD.',
      },
    );
  }
  if ((await purge.listRefs(root, io.env)).size === 0) {
    io.stdout('unleak purge: the repository has no commits; nothing to purge.\n');
    return EXIT_CLEAN;
  }
  const remotes = await purge.listRemotes(root, io.env);
  const backup = options.backup
    ? resolve(io.cwd, options.backup)
    : join(await purge.gitDirOf(root, io.env), `unleak-backup-${stamp(new Date())}.bundle`);
  const result = await purge.rewriteHistory(root, values, {
    backup,
    env: io.env,
    onBackup: (stash) => io.stdout(restoreText(backup, stash)),
  });
  io.stderr(
    result.log
      .replace(/\r/g, '\n')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `git filter-repo: ${line.trim()}\n`)
      .join(''),
  );
  io.stdout(keptText(result));
  const check = await purge.valuesInObjects(root, values, io.env);
  const scan = await historyScanHits(values, io);
  io.stdout(verificationText(values, check, scan));
  const remotesAfter = await purge.listRemotes(root, io.env);
  const removed = remotes.filter((remote) => !remotesAfter.some((after) => after.name === remote.name));
  io.stdout(
    collaboratorSteps({
      backup,
      removed,
      names: values.filter((v) => v.stored).map((v) => v.name),
      unstored: values.filter((v) => !v.stored).map((v) => v.name),
      envFlag,
    }),
  );
  const clean = check.hits.length === 0 && (!('found' in scan) || scan.found.length === 0);
  return clean ? EXIT_CLEAN : EXIT_FINDINGS;
}
