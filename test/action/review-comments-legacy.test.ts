import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findingMarker, markerFingerprint } from '../../src/action/comment-bodies.js';
import { createGitHubClient } from '../../src/action/github-client.js';
import { syncComments } from '../../src/action/review-comments.js';
import { keyedFingerprint, legacyFingerprint } from '../../src/filters/index.js';
import { FakeGitHub } from './helpers/fake-github.js';
import { fakeGithubToken } from './helpers/fake-token.js';
import { makeFinding } from './helpers/findings.js';

/**
 * Review comments written by an Action from before keyed fingerprints carry the old marker
 * (`<rule>:<32 hex>`); after an upgrade the Action must edit them, not add a second comment.
 */

const HEAD = 'f'.repeat(40);
const target = { owner: 'o', repo: 'r', pullNumber: 3, headSha: HEAD };

/** A finding stamped with a keyed fingerprint, as the scan gives it now, and the marker an old Action wrote for it. */
function upgradedFinding(path: string, line: number) {
  const finding = makeFinding(fakeGithubToken(), { path, line });
  finding.fingerprint = keyedFingerprint(randomBytes(32), finding.ruleId, path, finding.secret);
  const oldPrint = legacyFingerprint(finding.ruleId, path, finding.secret);
  expect(oldPrint).toMatch(/^github-classic-pat:[0-9a-f]{32}$/);
  expect(finding.fingerprint).toMatch(/^github-classic-pat:v2:[0-9a-f]{32}$/);
  return {
    finding,
    oldBody: `${findingMarker(oldPrint)}\n🔑 **unleak: GitHub personal access token (classic)** (written by an older unleak)`,
  };
}

describe('syncComments after the fingerprint format changed', () => {
  let api: FakeGitHub;
  afterEach(async () => api.close());

  it('edits the comment an older Action wrote (old-form marker) instead of adding a duplicate', async () => {
    api = await new FakeGitHub({
      owner: 'o',
      repo: 'r',
      token: 'tok',
      pulls: { 3: { headSha: HEAD, diffLines: { 'a.env': [4] } } },
    }).start();
    const octokit = createGitHubClient({ baseUrl: api.url, token: 'tok', log: () => undefined });
    const { finding, oldBody } = upgradedFinding('a.env', 4);
    const old = api.seed('review', { pull: 3, body: oldBody, path: 'a.env', line: 4, side: 'RIGHT', commit_id: HEAD });

    const outcome = await syncComments(octokit, target, { inline: [{ finding, line: 4 }], outside: [] }, { rules: [], repoUrl: undefined });
    expect(outcome).toEqual({ created: 0, updated: 1, unchanged: 0, outside: 0 });
    expect(api.reviewComments).toHaveLength(1);
    expect(api.reviewComments[0]!.id).toBe(old.id);
    expect(markerFingerprint(api.reviewComments[0]!.body)).toBe(finding.fingerprint);
    expect(api.reviewComments[0]!.body).toContain('This line adds a secret');

    const again = await syncComments(octokit, target, { inline: [{ finding, line: 4 }], outside: [] }, { rules: [], repoUrl: undefined });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 1, outside: 0 });
    expect(api.reviewComments).toHaveLength(1);
  });

  it('settles an old-form comment whose finding left the diff as "still in a commit", not as gone', async () => {
    api = await new FakeGitHub({
      owner: 'o',
      repo: 'r',
      token: 'tok',
      pulls: { 3: { headSha: HEAD, diffLines: { 'a.env': [4] } } },
    }).start();
    const octokit = createGitHubClient({ baseUrl: api.url, token: 'tok', log: () => undefined });
    const { finding, oldBody } = upgradedFinding('a.env', 4);
    api.seed('review', { pull: 3, body: oldBody, path: 'a.env', line: 4, side: 'RIGHT', commit_id: HEAD });

    await syncComments(octokit, target, { inline: [], outside: [finding] }, { rules: [], repoUrl: undefined });
    expect(api.reviewComments).toHaveLength(1);
    expect(api.reviewComments[0]!.body).toContain('a commit of this pull request still does');
  });
});
