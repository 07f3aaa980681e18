import { describe, expect, it } from 'vitest';
import { planScan, pullRequestOf, type EventPayload } from '../../src/action/scan-plan.js';
import { EXAMPLE_REPOSITORY, examplePayload, pullRequestPayload, pushPayload } from './helpers/payloads.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const plan = (mode: Parameters<typeof planScan>[0], event: string, payload: unknown) =>
  planScan(mode, event, payload as EventPayload, EXAMPLE_REPOSITORY);

describe('planScan on real webhook payloads', () => {
  it('pull_request opened and synchronize: base.sha..head.sha, not the merge commit', () => {
    const raw = examplePayload('pull_request', (p) => p.action === 'opened') as unknown as {
      pull_request: { base: { sha: string }; head: { sha: string } };
    };
    expect(plan('auto', 'pull_request', raw)).toEqual({
      kind: 'range',
      base: raw.pull_request.base.sha,
      head: raw.pull_request.head.sha,
      forced: false,
      defaultBranch: 'master',
    });
    expect(plan('auto', 'pull_request', pullRequestPayload('synchronize', { base: A, head: B }))).toMatchObject({
      kind: 'range',
      base: A,
      head: B,
    });
    expect(plan('diff', 'pull_request_target', pullRequestPayload('opened', { base: A, head: B }))).toMatchObject({
      kind: 'range',
      base: A,
      head: B,
    });
  });
  it('tells a fork pull request by its head repository', () => {
    expect(
      pullRequestOf('pull_request', pullRequestPayload('opened', { base: A, head: B }) as EventPayload, EXAMPLE_REPOSITORY)?.fromFork,
    ).toBe(false);
    expect(
      pullRequestOf('pull_request', pullRequestPayload('opened', { base: A, head: B }, { fork: true }) as EventPayload, EXAMPLE_REPOSITORY),
    ).toMatchObject({ fromFork: true, number: 2 });
    expect(
      pullRequestOf(
        'pull_request_target',
        pullRequestPayload('opened', { base: A, head: B }, { fork: true }) as EventPayload,
        EXAMPLE_REPOSITORY,
      )?.fromFork,
    ).toBe(false);
  });
  it('push: before..after, force push flagged', () => {
    expect(plan('auto', 'push', pushPayload({ before: A, after: B }, { ref: 'refs/heads/main' }))).toEqual({
      kind: 'range',
      base: A,
      head: B,
      forced: false,
      defaultBranch: 'main',
      ref: 'refs/heads/main',
    });
    expect(plan('auto', 'push', pushPayload({ before: A, after: B }, { forced: true }))).toMatchObject({ kind: 'range', forced: true });
  });
  it('new-branch push (all-zero before): the commits not on the default branch', () => {
    const raw = examplePayload('push', (p) => p.created === true && String(p.ref).startsWith('refs/heads/'));
    expect(plan('auto', 'push', raw)).toEqual({ kind: 'new-ref', head: raw.after, ref: 'refs/heads/master', defaultBranch: 'master' });
  });
  it('a deleted ref has nothing to scan', () => {
    const raw = examplePayload('push', (p) => p.deleted === true);
    expect(plan('auto', 'push', raw)).toMatchObject({ kind: 'none' });
  });
  it('schedule and workflow_dispatch: the full history in auto mode, an error in diff mode', () => {
    expect(plan('auto', 'schedule', { schedule: '0 3 * * *' })).toEqual({ kind: 'history' });
    expect(
      plan(
        'auto',
        'workflow_dispatch',
        examplePayload('workflow_dispatch', () => true),
      ),
    ).toEqual({ kind: 'history' });
    expect(() => plan('diff', 'schedule', {})).toThrow(/mode diff needs a pull_request, push or merge_group event/);
  });
  it('history and files ignore the event', () => {
    expect(plan('history', 'pull_request', pullRequestPayload('opened', { base: A, head: B }))).toEqual({ kind: 'history' });
    expect(plan('files', 'push', pushPayload({ after: B }))).toEqual({ kind: 'files' });
  });
  it('merge_group: base_sha..head_sha', () => {
    expect(plan('auto', 'merge_group', { merge_group: { base_sha: A, head_sha: B } })).toMatchObject({ kind: 'range', base: A, head: B });
  });
});
