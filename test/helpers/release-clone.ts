import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TestRepo } from '../git/git-fixture.js';

/**
 * A temp git repository laid out exactly as this checkout is now: every file git would commit
 * (`git ls-files -co --exclude-standard`, so tracked files with their current content plus new
 * ones not ignored), committed and tagged `tag`. No dist/ build and no node_modules, as a user
 * who points a tool at a release tag gets it. Returns the repository and the tagged commit.
 */
export function releaseClone(root: string, tag: string): { repo: TestRepo; commit: string } {
  const listed = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const repo = TestRepo.create('unleak-release-');
  for (const path of listed.split('\0').filter(Boolean)) {
    const from = join(root, path);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the work tree, or a link/submodule
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    copyFileSync(from, join(repo.dir, path));
  }
  const commit = repo.commitAll(`release ${tag}`);
  repo.git('tag', tag);
  return { repo, commit };
}
