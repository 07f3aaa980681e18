import { purge } from '../../fix/index.js';

/** What `unleak purge` prints: the dry-run preview, how to undo, the check afterwards, what everyone must do. */

const HOSTED_PURGE_DOC =
  'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository';

/** The commits and refs a purge would change (ids shortened; subjects already purged). */
export function previewText(preview: purge.PurgePreview): string {
  const holding = preview.rewritten.filter((c) => c.holdsValue).length;
  const lines = [
    `Dry run: ${preview.rewritten.length} of ${preview.commits} commits would get new ids (${holding} ${holding === 1 ? 'holds' : 'hold'} a value; the others only descend from one).`,
  ];
  for (const commit of preview.rewritten)
    lines.push(`  ${commit.old.slice(0, 12)}  ${commit.holdsValue ? 'holds a value ' : 'descendant    '}  ${commit.subject}`);
  lines.push(`${preview.refs.length} ref${preview.refs.length === 1 ? '' : 's'} would move:`);
  for (const ref of preview.refs) lines.push(`  ${ref.ref}  ${ref.old.slice(0, 12)} → new commit`);
  if (preview.rewritten.length === 0) lines.push('No commit holds these values: a purge would change nothing.');
  lines.push('Nothing was changed. Run again with --yes to rewrite the history (a backup bundle is written first).');
  return `${lines.join('\n')}\n`;
}

/** Where the backup is and how to put the old history back (stash entries included). */
export function restoreText(backup: string, stashEntries: number): string {
  const stash = stashEntries
    ? `, with ${stashEntries === 1 ? 'the stash entry' : `all ${stashEntries} stash entries`} as refs under ${purge.STASH_REF_PREFIX}`
    : '';
  return [
    `Backup of every ref written to ${backup}${stash}`,
    '  It still holds the old values: keep it private and delete it once the purge is verified and published.',
    `  To undo the purge: ${purge.restoreCommand(backup, stashEntries > 0)}`,
    `  Or look at the old history elsewhere: git clone '${backup}' old-history`,
    '',
  ].join('\n');
}

/** What the rewrite moved and what it kept: the same refs and the same number of commits. */
export function keptText(result: purge.RewriteResult): string {
  const refs = [...result.before.refs].filter(([ref]) => !ref.startsWith(purge.STASH_REF_PREFIX));
  const moved = refs.filter(([ref, id]) => result.after.refs.get(ref) !== id).length;
  const stash = result.stash === 1 ? ' and the stash entry' : result.stash ? ` and all ${result.stash} stash entries` : '';
  return [
    `History rewritten: ${moved} ref${moved === 1 ? '' : 's'} now point${moved === 1 ? 's' : ''} to new commits.`,
    `Kept: all ${refs.length} refs (git for-each-ref), all ${result.after.commits} commits (git rev-list --all --count${result.stash ? ', stash entries included' : ''})${stash}.`,
    '',
  ].join('\n');
}

/** The exact-value check over every object, and the `scan --history` result. */
export function verificationText(
  values: purge.PurgeValue[],
  check: purge.HistoryCheck,
  scan: { found: string[] } | { unavailable: string },
): string {
  const lines: string[] = [];
  if (check.hits.length === 0)
    lines.push(
      `Verified: none of the ${values.length} values is left in any of the ${check.objects} objects of the repository (blobs, commit messages, tags).`,
    );
  else {
    lines.push(`Still present in ${check.hits.length} object${check.hits.length === 1 ? '' : 's'}:`);
    for (const hit of check.hits) {
      const why = hit.binary
        ? ' (a binary file: filter-repo does not edit binary blobs; remove the file from history with git filter-repo --invert-paths --path PATH)'
        : '';
      lines.push(`  ${hit.name} in ${hit.type} ${hit.oid.slice(0, 12)}${why}`);
    }
  }
  if ('unavailable' in scan) lines.push(`unleak scan --history could not run here (${scan.unavailable}); run it yourself to confirm.`);
  else if (scan.found.length === 0) lines.push('unleak scan --history: none of the purged values is reported in any commit.');
  else lines.push(`unleak scan --history still reports: ${scan.found.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** What the user and every collaborator must do after the rewrite. */
export function collaboratorSteps(info: {
  backup: string;
  removed: Array<{ name: string; url: string }>;
  names: string[];
  unstored: string[];
  envFlag: string;
}): string {
  const lines = [
    '',
    'What must happen now:',
    '  1. Check the result (git log --all, your tests), then publish it. This replaces the shared history:',
    ...info.removed.map(
      (remote) =>
        `       git remote add ${remote.name} ${remote.url}      (git filter-repo removed it so that nothing is pushed by accident)`,
    ),
    '       git push --force --all && git push --force --tags',
    '     Protected branches must allow the force push. Open pull requests still point at the old commits: close or rebase them.',
    '  2. Every collaborator re-clones (or runs git fetch && git reset --hard origin/BRANCH on each branch and deletes old branches).',
    '     Nobody may merge or push the old history again: one push from an old clone brings the values back.',
    `  3. Your git host keeps old commits reachable for a while (pull request refs, caches, forks): ask its support to remove them (${HOSTED_PURGE_DOC}).`,
    '  4. A purge does not make a value safe: anyone may have copied it already. Rotate every one of them:',
    ...info.names.map((name) => `       unleak rotate ${name}${info.envFlag}`),
    ...info.unstored.map(
      (name) => `       ${name}: not in the store: revoke it at its provider (or \`unleak fix\` it first, then \`unleak rotate\`)`,
    ),
    `  5. Delete the backup once you are sure (it holds the old values): rm '${info.backup}'`,
  ];
  return `${lines.join('\n')}\n`;
}
