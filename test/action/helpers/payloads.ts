import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

interface Example {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const all = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8')) as Example[];

/** A real example payload of `@octokit/webhooks-examples`, deep-copied; `pick` chooses among them. */
export function examplePayload(event: string, pick: (payload: Record<string, unknown>) => boolean): Record<string, unknown> {
  const found = all.find((entry) => entry.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone(found);
}

/** The repository every example is about. */
export const EXAMPLE_REPOSITORY = 'Codertocat/Hello-World';

interface PullRequestShape {
  number: number;
  base: { sha: string; ref: string; repo: { full_name: string } };
  head: { sha: string; ref: string; repo: { full_name: string; fork: boolean } };
}

/** A real `pull_request` payload (`opened` or `synchronize`) pointed at commits of a test repository. */
export function pullRequestPayload(
  action: 'opened' | 'synchronize',
  shas: { base: string; head: string; before?: string },
  options: { fork?: boolean } = {},
): Record<string, unknown> {
  const payload = examplePayload('pull_request', (p) => p.action === action);
  const pr = payload.pull_request as PullRequestShape;
  pr.base.sha = shas.base;
  pr.base.ref = 'main';
  pr.head.sha = shas.head;
  pr.head.ref = 'feature';
  if (options.fork) {
    pr.head.repo = { ...pr.head.repo, full_name: 'forker/Hello-World', fork: true };
  }
  if (action === 'synchronize') Object.assign(payload, { before: shas.before ?? shas.base, after: shas.head });
  return payload;
}

/**
 * A real `push` payload pointed at a test repository. The example is a new-branch push
 * (`created`, all-zero `before`); a `before` turns it into an ordinary or forced push.
 */
export function pushPayload(
  shas: { before?: string; after: string },
  options: { ref?: string; forced?: boolean } = {},
): Record<string, unknown> {
  const payload = examplePayload('push', (p) => p.created === true && String(p.ref).startsWith('refs/heads/'));
  const before = shas.before ?? '0'.repeat(40);
  Object.assign(payload, {
    before,
    after: shas.after,
    ref: options.ref ?? payload.ref,
    created: before === '0'.repeat(40),
    forced: Boolean(options.forced),
    deleted: false,
  });
  (payload.repository as Record<string, unknown>).default_branch = 'main';
  (payload.repository as Record<string, unknown>).master_branch = 'main';
  return payload;
}
