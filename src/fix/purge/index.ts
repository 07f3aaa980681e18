/** Purging values from git history with git-filter-repo: values, preview, rewrite, check. */
export { replaceExpressions, replacementFor, purgeForms, pythonRegexEscape, type PurgeValue } from './replace-expressions.js';
export { filterRepoVersion, runFilterRepo, FILTER_REPO_INSTALL_HINT, FILTER_REPO_OPTIONS, type ProcessRun } from './filter-repo.js';
export { previewPurge, type PurgePreview, type RewrittenCommit } from './purge-preview.js';
export { valuesInObjects, type HistoryCheck, type ValueHit } from './history-values.js';
export { createBundle, dirtyFiles, gitDirOf, listRefs, listRemotes } from './git-repo.js';
export { leakedStoreValues, reportValues } from './purge-values.js';
export { historyScanValues, mergeValues } from './scan-values.js';
export { rewriteHistory, type RewriteOptions, type RewriteResult } from './rewrite-history.js';
export { restoreCommand, restoreFromBundle } from './restore-backup.js';
export { takeSnapshot, snapshotProblems, type RefSnapshot } from './ref-snapshot.js';
export { readStash, STASH_REF_PREFIX, type StashEntry } from './stash-entries.js';
