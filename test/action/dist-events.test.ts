import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { FakeGitHub } from './helpers/fake-github.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { Upstream, checkout, git, removeTemp, tempDir } from './helpers/git-repo.js';
import { annotations, expectSecretsMaskedAndKept, readSarif } from './helpers/expectations.js';
import { pullRequestPayload, pushPayload } from './helpers/payloads.js';
import { runDistAction, type DistRun } from './helpers/run-dist.js';

const API_TOKEN = 'ghs_loopbackTokenOfTheFakeApi';
const files = (run: DistRun) =>
  annotations(run, 'error')
    .filter((a) => a.properties.file)
    .map((a) => `${a.properties.file}:${a.properties.line}`)
    .sort();

/** One test's upstream repository, runner temp folder and fake API; tests run concurrently, each with its own. */
class Scenario {
  readonly root = tempDir('events');
  readonly runnerTemp = join(this.root, 'runner-temp');
  readonly upstream: Upstream;
  api: FakeGitHub | undefined;

  constructor() {
    mkdirSync(this.runnerTemp);
    this.upstream = new Upstream(this.root);
  }

  async close(): Promise<void> {
    await this.api?.close();
    removeTemp(this.root);
  }

  /** main: an old secret (removed again); feature: adds one secret that stays and one it removes again. */
  pullRequestRepo() {
    const { upstream } = this;
    const secrets = { old: fakeGithubToken(), kept: fakeGithubToken(), removed: fakeGithubToken() };
    upstream.commit({ 'README.md': '# app\n', 'old.env': `TOKEN=${secrets.old}\n` }, 'old secret');
    const base = upstream.commit({ 'old.env': 'TOKEN=\n' }, 'remove old secret');
    upstream.branch('feature');
    const adds = upstream.commit(
      { 'src/app.js': `export const a = 1;\nexport const token = "${secrets.kept}";\n`, 'notes.txt': `try ${secrets.removed}\n` },
      'add secrets',
    );
    const head = upstream.commit({ 'notes.txt': 'try it\n' }, 'remove one');
    return { secrets, base, adds, head };
  }

  async startApi(head: string, options: { readOnly?: boolean } = {}): Promise<FakeGitHub> {
    this.api = await new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      token: API_TOKEN,
      pulls: { 2: { headSha: head, diffLines: { 'src/app.js': [1, 2], 'notes.txt': [1] } } },
      ...options,
    }).start();
    return this.api;
  }

  /** actions/checkout on pull_request checks out the merge commit, not the head. */
  mergeCheckout(base: string, head: string, options: { depth?: number } = {}): string {
    const workspace = checkout(this.upstream, this.root, base, options.depth ? { depth: options.depth, branch: 'feature' } : {});
    if (!options.depth) git(workspace, 'merge', '-q', '--no-ff', '-m', 'Merge head into base', head);
    return workspace;
  }

  checkout(sha: string): string {
    return checkout(this.upstream, this.root, sha);
  }
}

/** A scenario removed when the test ends. */
function scenario(onTestFinished: (fn: () => Promise<void>) => void): Scenario {
  const made = new Scenario();
  onTestFinished(() => made.close());
  return made;
}

// Each test spends most of its time waiting on git and on `node dist/action.js`: they run
// concurrently, so the file takes about as long as its slowest tests.
describe.concurrent('dist/action.js on real event payloads and git repositories', { timeout: 120_000 }, () => {
  it('pull_request opened: scans base..head, annotates, comments inline and in one summary, masks, writes SARIF; a rerun adds nothing', async ({
    expect,
    onTestFinished,
  }) => {
    const s = scenario(onTestFinished);
    const { secrets, base, adds, head } = s.pullRequestRepo();
    const workspace = s.mergeCheckout(base, head);
    await s.startApi(head);
    const event = {
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head }),
      inputs: { 'github-token': API_TOKEN },
      env: { GITHUB_API_URL: s.api!.url },
    };
    const run = await runDistAction(event);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ findings: '2', 'sarif-file': 'unleak.sarif', result: 'findings' });
    expect(files(run)).toEqual(['notes.txt:1', 'src/app.js:2']);
    const sarif = readSarif(workspace);
    expect(sarif.results.map((r) => r.properties?.commit)).toEqual([adds, adds]);
    expect(run.summary).toContain(`<code>${adds.slice(0, 7)}</code>`);
    expect(run.summary).toContain('<code>Codertocat</code>');
    expect(s.api!.writes().map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      'POST /repos/Codertocat/Hello-World/pulls/2/comments 201',
      'POST /repos/Codertocat/Hello-World/issues/2/comments 201',
    ]);
    expect(s.api!.reviewComments[0]).toMatchObject({ path: 'src/app.js', line: 2, side: 'RIGHT', commit_id: head });
    expect(s.api!.issueComments[0]!.body).toContain('notes.txt:1');
    expectSecretsMaskedAndKept(run, [secrets.kept, secrets.removed], {
      sarif: sarif.text,
      apiBodies: JSON.stringify(s.api!.requests.map((r) => r.body)),
    });
    expect(run.stdout).not.toContain(secrets.old);

    const rerun = await runDistAction(event);
    expect(rerun.exitCode).toBe(1);
    expect(s.api!.writes()).toHaveLength(2);
    expect(s.api!.reviewComments).toHaveLength(1);
  });

  it('pull_request synchronize: edits the comments of the earlier run instead of adding more', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const { base, head } = s.pullRequestRepo();
    await s.startApi(head);
    const first = s.mergeCheckout(base, head);
    await runDistAction({
      workspace: first,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head }),
      inputs: { 'github-token': API_TOKEN },
      env: { GITHUB_API_URL: s.api!.url },
    });
    removeTemp(first);
    const next = s.upstream.commit({ 'CHANGELOG.md': 'more\n' }, 'more');
    s.api!.options.pulls[2]!.headSha = next;
    const workspace = s.mergeCheckout(base, next);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('synchronize', { base, head: next, before: head }),
      inputs: { 'github-token': API_TOKEN },
      env: { GITHUB_API_URL: s.api!.url },
    });
    expect(run.exitCode).toBe(1);
    expect(
      s
        .api!.writes()
        .slice(2)
        .map((w) => w.method),
    ).toEqual(['PATCH', 'PATCH']);
    expect(s.api!.reviewComments).toHaveLength(1);
    expect(s.api!.issueComments).toHaveLength(1);
  });

  it('a fork pull request skips comments with a notice; annotations, summary, SARIF and the exit status stay', async ({
    expect,
    onTestFinished,
  }) => {
    const s = scenario(onTestFinished);
    const { base, head } = s.pullRequestRepo();
    const workspace = s.mergeCheckout(base, head);
    await s.startApi(head, { readOnly: true });
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head }, { fork: true }),
      inputs: { 'github-token': API_TOKEN },
      env: { GITHUB_API_URL: s.api!.url },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('findings');
    expect(s.api!.requests).toEqual([]);
    expect(annotations(run, 'notice')[0]?.message).toContain('fork');
    expect(files(run)).toHaveLength(2);
    expect(readSarif(workspace).results).toHaveLength(2);
    expect(run.summary).toContain('2 secrets found');
  });

  it('a 403 from the API degrades to a notice and never turns the findings into a pass', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const { base, head } = s.pullRequestRepo();
    const workspace = s.mergeCheckout(base, head);
    await s.startApi(head, { readOnly: true });
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head }),
      inputs: { 'github-token': API_TOKEN },
      env: { GITHUB_API_URL: s.api!.url },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ findings: '2', 'sarif-file': 'unleak.sarif', result: 'findings' });
    expect(s.api!.writes().map((w) => w.status)).toEqual([403]);
    expect(annotations(run, 'notice')[0]?.message).toContain('GitHub answered 403');
  });

  it('a shallow pull request checkout fetches the base and deepens until the range is exact', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const { base, head } = s.pullRequestRepo();
    for (let i = 0; i < 3; i++) s.upstream.commit({ [`pad${i}.txt`]: `${i}\n` }, `pad ${i}`);
    const padded = s.upstream.head();
    const workspace = s.mergeCheckout(base, padded, { depth: 1 });
    expect(git(workspace, 'rev-parse', '--is-shallow-repository')).toBe('true');
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head: padded }),
      inputs: { comment: 'false' },
    });
    expect(run.stdout).toContain('fetching');
    expect(run.exitCode).toBe(1);
    expect(files(run)).toEqual(['notes.txt:1', 'src/app.js:2']);
    expect(head).not.toBe(padded);
  });

  it('a shallow checkout that cannot fetch the base fails and says to set fetch-depth: 0', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const { base, head } = s.pullRequestRepo();
    const workspace = s.mergeCheckout(base, head, { depth: 1 });
    git(workspace, 'remote', 'set-url', 'origin', `file://${join(s.root, 'gone')}`);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'pull_request',
      payload: pullRequestPayload('opened', { base, head }),
      inputs: { comment: 'false' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ result: 'error' });
    expect(annotations(run, 'error')[0]?.message).toContain('fetch-depth: 0');
    expect(run.summary).toContain('the scan failed');
  });

  it('push: scans before..after only, clean when those commits are', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const old = fakeGithubToken();
    s.upstream.commit({ 'old.env': `TOKEN=${old}\n` }, 'secret');
    const before = s.upstream.commit({ 'old.env': 'TOKEN=\n' }, 'remove');
    const after = s.upstream.commit({ 'README.md': 'docs\n' }, 'docs');
    const workspace = s.checkout(after);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: pushPayload({ before, after }, { ref: 'refs/heads/main' }),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ findings: '0', 'sarif-file': 'unleak.sarif', result: 'clean' });
    expect(run.summary).toContain(`${before.slice(0, 12)}..${after.slice(0, 12)}`);
    expect(run.summary).toContain('1 commit');
  });

  it('push of a new branch: scans the commits not on the default branch', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const old = fakeGithubToken();
    const fresh = fakeGithubToken();
    s.upstream.commit({ 'old.env': `TOKEN=${old}\n` }, 'secret on main');
    s.upstream.branch('topic');
    const after = s.upstream.commit({ 'new.env': `TOKEN=${fresh}\n` }, 'secret on topic');
    const workspace = s.checkout(after);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: pushPayload({ after }, { ref: 'refs/heads/topic' }),
    });
    expect(run.exitCode).toBe(1);
    expect(files(run)).toEqual(['new.env:1']);
    expect(run.summary).toContain('not on main');
  });

  it('push that creates the default branch: scans all of its commits', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const old = fakeGithubToken();
    s.upstream.commit({ 'old.env': `TOKEN=${old}\n` }, 'secret');
    const after = s.upstream.commit({ 'old.env': 'TOKEN=\n' }, 'removed');
    const workspace = s.checkout(after);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: pushPayload({ after }, { ref: 'refs/heads/main' }),
    });
    expect(run.exitCode).toBe(1);
    expect(files(run)).toEqual(['old.env:1']);
  });

  it('force push: scans the new commits, not the ones it replaced', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const replaced = fakeGithubToken();
    const fresh = fakeGithubToken();
    const base = s.upstream.commit({ 'README.md': 'x\n' }, 'base');
    s.upstream.branch('feature');
    const before = s.upstream.commit({ 'a.env': `A=${replaced}\n` }, 'first try');
    s.upstream.branch('feature', base);
    const after = s.upstream.commit({ 'b.env': `B=${fresh}\n` }, 'second try');
    const workspace = s.checkout(after);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: pushPayload({ before, after }, { ref: 'refs/heads/feature', forced: true }),
    });
    expect(run.exitCode).toBe(1);
    expect(files(run)).toEqual(['b.env:1']);
    expect(run.stdout).not.toContain(replaced);
  });

  it('force push whose old tip cannot be fetched any more: scans the commits not on the default branch', async ({
    expect,
    onTestFinished,
  }) => {
    const s = scenario(onTestFinished);
    const fresh = fakeGithubToken();
    s.upstream.commit({ 'README.md': 'x\n' }, 'base');
    s.upstream.branch('feature');
    const after = s.upstream.commit({ 'b.env': `B=${fresh}\n` }, 'rewritten');
    const workspace = s.checkout(after);
    const gone = 'f'.repeat(40);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: pushPayload({ before: gone, after }, { ref: 'refs/heads/feature', forced: true }),
    });
    expect(run.stdout).toContain(`the commit before the force push (${gone.slice(0, 12)}) is gone`);
    expect(run.exitCode).toBe(1);
    expect(files(run)).toEqual(['b.env:1']);
    expect(run.summary).toContain('not on main');
  });

  it('push deleting a branch: nothing to scan, clean', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const sha = s.upstream.commit({ 'README.md': 'x\n' }, 'base');
    const workspace = s.checkout(sha);
    const run = await runDistAction({
      workspace,
      runnerTemp: s.runnerTemp,
      eventName: 'push',
      payload: { ...pushPayload({ before: sha, after: '0'.repeat(40) }, { ref: 'refs/heads/gone' }), deleted: true },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ findings: '0', 'sarif-file': 'unleak.sarif', result: 'clean' });
    expect(run.summary).toContain('refs/heads/gone was deleted');
  });

  it('schedule: the full history of every branch, annotations capped per step and the rest counted', async ({ expect, onTestFinished }) => {
    const s = scenario(onTestFinished);
    const many = Array.from({ length: 12 }, () => fakeGithubToken());
    s.upstream.commit(Object.fromEntries(many.map((secret, i) => [`k${String(i).padStart(2, '0')}.env`, `K=${secret}\n`])), 'many');
    s.upstream.commit(Object.fromEntries(many.map((_, i) => [`k${String(i).padStart(2, '0')}.env`, null])), 'remove them');
    const main = s.upstream.head();
    s.upstream.branch('other');
    const other = fakeGithubToken();
    s.upstream.commit({ 'other.env': `O=${other}\n` }, 'other branch');
    s.upstream.switchTo('main');
    const workspace = s.checkout(main);
    const run = await runDistAction({ workspace, runnerTemp: s.runnerTemp, eventName: 'schedule', payload: { schedule: '0 3 * * 1' } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ findings: '13', result: 'findings' });
    const errors = annotations(run, 'error');
    expect(errors).toHaveLength(10);
    expect(errors[9]?.message).toMatch(/^4 more critical\/high findings not annotated/);
    expect(run.summary.match(/<code>github-classic-pat<\/code>/g)).toHaveLength(13);
    expect(run.summary).toContain('other.env:1');
    expectSecretsMaskedAndKept(run, [...many, other]);
  });
});
