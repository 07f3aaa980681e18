// Builds the realistic repositories of `npm run bench:git`: histories of real code. One is made of
// the successive published versions of a few npm packages (each version's files committed over
// the previous one, so most blobs are deltas of their predecessor, as in a real project); tarballs
// come from the npm registry through `npm pack` and are cached in .bench/npm-tarballs, and the
// repository is rebuilt only when its recipe changes. The other is a clone of this repository
// (its own history, scanned with its own .unleak.yaml, as a user would).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The default recipe: how many of each package's latest stable versions, oldest first; `name@N`
 * takes them from major version N only (TypeScript 7 ships a native binary: its package holds
 * almost no text, while each 5.x release is ~22 MB of JavaScript and declarations, so the
 * repository holds a few hundred MB of real text and its ratio measures throughput, not start-up).
 */
export const DEFAULT_PACKAGES = { express: 30, lodash: 12, 'typescript@5': 10 };

const STABLE = /^\d+\.\d+\.\d+$/;

/** A recipe key: `name` or `name@major`. */
function packageOf(key) {
  const at = key.lastIndexOf('@');
  return at > 0 ? { name: key.slice(0, at), major: key.slice(at + 1) } : { name: key, major: undefined };
}

/** The last `count` stable versions of a package (of one major version when given), oldest first (one `npm view` per package). */
function latestVersions(name, major, count, cache) {
  const file = join(cache, `${name}.versions.json`);
  if (!existsSync(file)) writeFileSync(file, execFileSync('npm', ['view', name, 'versions', '--json'], { encoding: 'utf8' }));
  const all = JSON.parse(readFileSync(file, 'utf8')).filter((v) => STABLE.test(v) && (major === undefined || v.split('.')[0] === major));
  return all.slice(-count);
}

/** The tarball of name@version in the cache, fetched with `npm pack` when missing. */
function tarball(name, version, cache) {
  const file = join(cache, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(file))
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cache, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  if (!existsSync(file)) throw new Error(`npm pack ${name}@${version} did not write ${file}`);
  return file;
}

/**
 * Writes the npm-releases repository at `dir` (reused when its marker says it was built from the
 * same recipe). `packages` maps a package name to how many versions. `env` is git's.
 */
export function buildNpmReleasesRepo(
  dir,
  { packages = DEFAULT_PACKAGES, cacheDir = resolve('.bench/npm-tarballs'), env = process.env } = {},
) {
  const recipe = JSON.stringify({ packages });
  const marker = join(dir, '.git', 'unleak-bench-npm.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === recipe) return;
  mkdirSync(cacheDir, { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (argv, extraEnv = {}) =>
    execFileSync('git', argv, { cwd: dir, env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
  git(['init', '-q', '-b', 'main']);
  let when = 1_500_000_000;
  for (const [key, count] of Object.entries(packages)) {
    const { name, major } = packageOf(key);
    for (const version of latestVersions(name, major, count, cacheDir)) {
      const file = tarball(name, version, cacheDir);
      const target = join(dir, name);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      execFileSync('tar', ['-xzf', file, '-C', target, '--strip-components=1', '--no-same-owner', '--warning=no-unknown-keyword'], {
        stdio: 'inherit',
      });
      git(['add', '-A']);
      when += 86_400;
      git(['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', `${name} ${version}`], {
        GIT_AUTHOR_DATE: `${when} +0000`,
        GIT_COMMITTER_DATE: `${when} +0000`,
      });
    }
  }
  git(['repack', '-adq', '--window=10', '--depth=50']);
  writeFileSync(marker, recipe);
}

/** Clones `source` (its committed history only) to `dir`, again when its HEAD moved since. */
export function cloneOwnHistory(source, dir, env = process.env) {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: source, encoding: 'utf8' }).trim();
  const marker = join(dir, '.git', 'unleak-bench-own.json');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === head) return;
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--no-local', resolve(source), dir], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(marker, head);
}

/** Parses `--packages express=30,lodash=12,typescript@5=10` into a recipe. */
export function parsePackages(text) {
  if (!text) return DEFAULT_PACKAGES;
  return Object.fromEntries(
    text.split(',').map((item) => {
      const at = item.lastIndexOf('=');
      const count = Number(item.slice(at + 1));
      if (at < 1 || !Number.isInteger(count) || count < 1) throw new Error(`--packages takes name=count,…, got "${item}"`);
      return [item.slice(0, at), count];
    }),
  );
}
