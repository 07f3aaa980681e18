import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/action/github-client.js';
import { MAX_REVIEW_COMMENTS, syncComments } from '../../src/action/review-comments.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { makeFinding } from './helpers/findings.js';

const HEAD = 'e'.repeat(40);
const target = { owner: 'o', repo: 'r', pullNumber: 7, headSha: HEAD };

describe('syncComments', () => {
  let api: FakeGitHub;
  afterEach(async () => api.close());

  it(`creates at most ${MAX_REVIEW_COMMENTS} review comments a run and summarises the rest`, async () => {
    api = await new FakeGitHub({
      owner: 'o',
      repo: 'r',
      token: 'tok',
      pulls: { 7: { headSha: HEAD, diffLines: { 'many.env': Array.from({ length: 40 }, (_, i) => i + 1) } } },
    }).start();
    const octokit = createGitHubClient({ baseUrl: `${api.url}/`, token: 'tok', log: () => undefined });
    const inline = Array.from({ length: 35 }, (_, i) => ({
      finding: makeFinding(fakeGithubToken(), { path: 'many.env', line: i + 1 }),
      line: i + 1,
    }));
    const outcome = await syncComments(octokit, target, { inline, outside: [] }, { rules: [], repoUrl: undefined });
    expect(outcome).toEqual({ created: MAX_REVIEW_COMMENTS + 1, updated: 0, unchanged: 0, outside: 5 });
    expect(api.reviewComments).toHaveLength(MAX_REVIEW_COMMENTS);
    expect(api.issueComments[0]!.body).toContain('5 secrets');
    expect(api.issueComments[0]!.body).toContain('many.env:35');
  });

  it('keeps one comment per finding when the same secret is found twice in a file', async () => {
    api = await new FakeGitHub({
      owner: 'o',
      repo: 'r',
      token: 'tok',
      pulls: { 7: { headSha: HEAD, diffLines: { 'a.env': [1, 2] } } },
    }).start();
    const octokit = createGitHubClient({ baseUrl: api.url, token: 'tok', log: () => undefined });
    const secret = fakeGithubToken();
    const inline = [1, 2].map((line) => ({ finding: makeFinding(secret, { path: 'a.env', line }), line }));
    await syncComments(octokit, target, { inline, outside: [] }, { rules: [], repoUrl: undefined });
    expect(api.reviewComments.map((c) => c.line)).toEqual([1]);
    expect(api.issueComments).toEqual([]);
  });

  it('neutralises @-mentions and HTML in commit authors', async () => {
    api = await new FakeGitHub({
      owner: 'o',
      repo: 'r',
      token: 'tok',
      pulls: { 7: { headSha: HEAD, diffLines: { 'a.env': [1] } } },
    }).start();
    const octokit = createGitHubClient({ baseUrl: api.url, token: 'tok', log: () => undefined });
    const finding = makeFinding(fakeGithubToken(), { path: 'a.env', line: 1, commit: 'c'.repeat(40), author: '@everyone <b>' });
    await syncComments(octokit, target, { inline: [{ finding, line: 1 }], outside: [finding] }, { rules: [], repoUrl: undefined });
    for (const body of [api.reviewComments[0]!.body, api.issueComments[0]!.body]) {
      expect(body).toContain('<code>@everyone &lt;b&gt;</code>');
      expect(body).not.toContain('<b>');
    }
  });
});
