/**
 * Where git runs for a scan: the folder it starts in and the environment it gets (GIT_DIR,
 * GIT_INDEX_FILE and friends kept, so a hook scans the index git is committing).
 */
export interface GitContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}
