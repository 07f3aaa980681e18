import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, type ResolvedScan } from '../../src/action/index.js';
import type { Finding } from '../../src/engine/index.js';
import type { ScanResult } from '../../src/report/index.js';
import { FakeGitHub, type FakeGitHubOptions } from './helpers/fake-github.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { makeFinding } from './helpers/findings.js';
import { Upstream, checkout, git, gitEnv, removeTemp, tempDir } from './helpers/git-repo.js';
import { pullRequestPayload } from './helpers/payloads.js';
import { parseCommand, parseOutputFile } from './helpers/run-dist.js';

const API_TOKEN = 'ghs_fakeInstallationTokenForTheLoopbackApi';

/** A pull request whose first commit adds two secrets and whose second removes one of them. */
class PullRequestWorld {
  readonly root = tempDir('pr-comments');
  readonly upstream = new Upstream(this.root);
  readonly kept = fakeGithubToken();
  readonly removed = fakeGithubToken();
  readonly base: string;
  readonly first: string;
  head: string;
  workspace = '';
  api: FakeGitHub | undefined;
  lastRequest: ResolvedScan | undefined;
  findings: Finding[];

  constructor() {
    this.base = this.upstream.commit({ 'app.js': 'one\n' }, 'base');
    this.upstream.branch('feature');
    this.first = this.upstream.commit({ 'app.js': `one\nconst t = "${this.kept}";\n`, 'tmp.txt': `x=${this.removed}\n` }, 'add secrets');
    this.head = this.upstream.commit({ 'tmp.txt': 'x=\n' }, 'remove one');
    this.findings = [
      makeFinding(this.kept, { path: 'app.js', line: 2, commit: this.first, author: 'Codertocat' }),
      makeFinding(this.removed, { path: 'tmp.txt', line: 1, commit: this.first, author: 'Codertocat' }),
    ];
    this.workspace = checkout(this.upstream, this.root, this.head);
    mkdirSync(join(this.root, 'runner'));
  }

  async startApi(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
    this.api = await new FakeGitHub({
      owner: 'Codertocat',
      repo: 'Hello-World',
      token: API_TOKEN,
      pulls: { 2: { headSha: this.head, diffLines: { 'app.js': [1, 2], 'tmp.txt': [1] } } },
      ...options,
    }).start();
    return this.api;
  }

  /** Pushes another commit to the pull request (a `synchronize`). */
  push(files: Record<string, string | null>): void {
    this.head = this.upstream.commit(files, 'more');
    git(this.workspace, 'fetch', '-q', 'origin');
    git(this.workspace, 'checkout', '-q', '--detach', this.head);
    this.api!.options.pulls[2]!.headSha = this.head;
  }

  async run(options: { fork?: boolean; inputs?: Record<string, string> } = {}) {
    const runner = join(this.root, 'runner');
    const files = { event: join(runner, 'event.json'), output: join(runner, 'output'), summary: join(runner, 'summary.md') };
    writeFileSync(files.event, JSON.stringify(pullRequestPayload('opened', { base: this.base, head: this.head }, { fork: options.fork })));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env: NodeJS.ProcessEnv = {
      ...gitEnv,
      GITHUB_WORKSPACE: this.workspace,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_API_URL: this.api?.url ?? 'http://127.0.0.1:9',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      'INPUT_GITHUB-TOKEN': API_TOKEN,
      ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    };
    let log = '';
    const exitCode = await runAction(env, {
      write: (text) => (log += text),
      cwd: this.workspace,
      scanner: async (request, scanOptions): Promise<ScanResult> => {
        this.lastRequest = request;
        const stats = {
          mode: 'range' as const,
          filesScanned: 0,
          bytesScanned: 0,
          skippedBinary: 0,
          skippedTooLarge: 0,
          skippedUnreadable: 0,
          skippedOther: 0,
          commitsScanned: 2,
          rules: 1,
          findings: this.findings.length,
          suppressedByBaseline: 0,
          durationMs: 1,
        };
        return { findings: this.findings.map((f) => ({ ...f })), stats, rules: [], root: scanOptions.root, notes: [] };
      },
    });
    const sent = JSON.stringify(this.api?.requests.map((r) => r.body) ?? []);
    for (const secret of [this.kept, this.removed])
      expect(sent.includes(secret) || readFileSync(files.summary, 'utf8').includes(secret)).toBe(false);
    return {
      exitCode,
      log,
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      commands: log
        .split('\n')
        .filter((l) => l.startsWith('::'))
        .map(parseCommand),
    };
  }

  async dispose(): Promise<void> {
    await this.api?.close();
    removeTemp(this.root);
  }
}

describe('pull request comments (runAction against the fake API)', { timeout: 120_000 }, () => {
  let world: PullRequestWorld;
  beforeEach(() => {
    world = new PullRequestWorld();
  });
  afterEach(async () => world.dispose());

  it('scans base.sha..head.sha, comments the line that still holds a secret, and summarises the one only in history', async () => {
    const api = await world.startApi();
    const run = await world.run();
    expect(world.lastRequest).toMatchObject({ kind: 'range', base: world.base, head: world.head });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ findings: '2', 'sarif-file': 'unleak.sarif', result: 'findings' });
    const writes = api.writes();
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      'POST /repos/Codertocat/Hello-World/pulls/2/comments',
      'POST /repos/Codertocat/Hello-World/issues/2/comments',
    ]);
    for (const request of api.requests) {
      expect(request.headers.authorization).toBe(`token ${API_TOKEN}`);
      expect(request.headers['user-agent']).toMatch(/^unleak-action\//);
    }
    expect(writes[0]!.body).toMatchObject({ commit_id: world.head, path: 'app.js', line: 2, side: 'RIGHT' });
    expect((writes[0]!.body as { body: string }).body).toContain(`${world.kept.slice(0, 4)}…${world.kept.slice(-2)}`);
    expect(api.issueComments[0]!.body).toContain('tmp.txt:1');
    expect(api.issueComments[0]!.body).not.toContain('app.js:2');
    expect(run.summary).toContain('2 comments created, 0 updated, 0 unchanged; 1 finding outside the diff');
  });

  it('updates rather than repeats: a rerun writes nothing, a new push edits the same comments', async () => {
    const api = await world.startApi();
    await world.run();
    const posted = api.writes().length;
    await world.run();
    expect(api.writes()).toHaveLength(posted);
    world.push({ 'other.txt': 'unrelated\n' });
    const run = await world.run();
    const later = api.writes().slice(posted);
    expect(later.map((w) => `${w.method} ${w.path}`).sort()).toEqual([
      `PATCH /repos/Codertocat/Hello-World/issues/comments/${api.issueComments[0]!.id}`,
      `PATCH /repos/Codertocat/Hello-World/pulls/comments/${api.reviewComments[0]!.id}`,
    ]);
    expect(api.reviewComments).toHaveLength(1);
    expect(api.issueComments).toHaveLength(1);
    expect(api.reviewComments[0]!.body).toContain(`checked at ${world.head.slice(0, 7)}`);
    expect(run.summary).toContain('0 comments created, 2 updated');
  });

  it('follows pagination to find its earlier comments among many', async () => {
    const api = await world.startApi();
    for (let i = 0; i < 130; i++)
      api.seed('review', { pull: 2, body: `review ${i}`, path: 'app.js', line: 1, side: 'RIGHT', commit_id: world.head });
    for (let i = 0; i < 105; i++) api.seed('issue', { pull: 2, body: `chat ${i}` });
    await world.run();
    const before = api.writes().length;
    await world.run();
    expect(api.writes()).toHaveLength(before);
    const pages = api.requests.filter((r) => r.method === 'GET').map((r) => `${r.path}?${r.query.page ?? '1'}/${r.query.per_page}`);
    expect(pages).toContain('/repos/Codertocat/Hello-World/pulls/2/comments?2/100');
    expect(pages).toContain('/repos/Codertocat/Hello-World/issues/2/comments?2/100');
  });

  it('edits the comments of findings that are gone and clears the summary', async () => {
    const api = await world.startApi();
    await world.run();
    world.findings = [];
    const run = await world.run();
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('clean');
    expect(api.reviewComments[0]!.body).toContain('no longer found');
    expect(api.issueComments[0]!.body).toContain('no secrets outside the diff');
    expect(api.writes().filter((w) => w.method === 'POST')).toHaveLength(2);
  });

  it('puts a finding GitHub will not place on a line (422) into the summary comment', async () => {
    const api = await world.startApi();
    api.options.pulls[2]!.diffLines['app.js'] = [1];
    await world.run();
    const statuses = api.writes().map((w) => `${w.method} ${w.status}`);
    expect(statuses).toEqual(['POST 422', 'POST 201']);
    expect(api.issueComments[0]!.body).toContain('app.js:2');
    expect(api.issueComments[0]!.body).toContain('tmp.txt:1');
  });

  it('skips comments with a notice on a 403, and still fails on the findings', async () => {
    const api = await world.startApi({ readOnly: true });
    const run = await world.run();
    expect(api.writes().map((w) => w.status)).toEqual([403]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ findings: '2', 'sarif-file': 'unleak.sarif', result: 'findings' });
    const notice = run.commands.find((c) => c.name === 'notice');
    expect(notice?.message).toMatch(/Pull request comments skipped: GitHub answered 403/);
    expect(run.summary).toContain('Pull request comments skipped');
    expect(run.commands.filter((c) => c.name === 'error')).toHaveLength(2);
  });

  it('skips comments with a notice on a 404 (a pull request the API does not know)', async () => {
    const api = await world.startApi({ pulls: {} });
    const run = await world.run();
    expect(api.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 404']);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('findings');
    expect(run.commands.find((c) => c.name === 'notice')?.message).toMatch(/GitHub answered 404/);
  });

  it('skips comments on a fork pull request without calling the API', async () => {
    const api = await world.startApi();
    const run = await world.run({ fork: true });
    expect(api.requests).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('findings');
    expect(run.commands.find((c) => c.name === 'notice')?.message).toContain('comes from a fork');
  });

  it('skips comments when told to, or without a token', async () => {
    const api = await world.startApi();
    await world.run({ inputs: { comment: 'false' } });
    const run = await world.run({ inputs: { 'github-token': '' } });
    expect(api.requests).toEqual([]);
    expect(run.commands.find((c) => c.name === 'notice')?.message).toContain('no github-token');
  });

  it('fails with result=error when the API fails otherwise (500), after writing the summary', async () => {
    await world.startApi({ failWrites: 500 });
    const run = await world.run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ result: 'error', findings: '2', 'sarif-file': 'unleak.sarif' });
    expect(run.summary).toContain('2 secrets found');
    expect(run.summary).toContain('Pull request comments failed');
  });
});
