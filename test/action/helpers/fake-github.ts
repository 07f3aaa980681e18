import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pull request the fake knows: its head and the lines of its diff a review comment may target. */
export interface FakePull {
  headSha: string;
  /** Path → lines on the RIGHT side of the diff (GitHub rejects a comment on any other line with 422). */
  diffLines: Record<string, number[]>;
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  token: string;
  pulls: Record<number, FakePull>;
  /** Writes answer 403 "Resource not accessible by integration", as a fork's token does. */
  readOnly?: boolean;
  /** Writes answer this status instead (a 5xx outage, say). */
  failWrites?: number;
}

/** One request the Action sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  status: number;
}

export interface StoredComment {
  id: number;
  body: string;
  pull: number;
  path?: string;
  line?: number;
  side?: string;
  commit_id?: string;
}

const DOCS = 'https://docs.github.com/rest';

/**
 * A loopback stand-in for the parts of the GitHub REST API the Action uses: pull request review
 * comments and issue comments (list with pagination, create, update). It checks what the real API
 * checks (token, User-Agent, JSON bodies, that a review comment sits on a line of the diff at the
 * head commit) and records every request.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly reviewComments: StoredComment[] = [];
  readonly issueComments: StoredComment[] = [];
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  constructor(readonly options: FakeGitHubOptions) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Adds a comment as if someone (or an earlier run) had posted it. */
  seed(kind: 'review' | 'issue', comment: Omit<StoredComment, 'id'>): StoredComment {
    const stored = { ...comment, id: this.nextId++ };
    (kind === 'review' ? this.reviewComments : this.issueComments).push(stored);
    return stored;
  }

  /** The requests other than reads. */
  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
      status: 0,
    };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, message: string, errors?: unknown[]) =>
      send(status, { message, ...(errors ? { errors } : {}), documentation_url: DOCS, status: String(status) });
    const auth = req.headers.authorization ?? '';
    if (!req.headers['user-agent'])
      return fail(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header');
    if (auth !== `token ${this.options.token}` && auth !== `Bearer ${this.options.token}`) return fail(401, 'Bad credentials');
    if (record.method === 'POST' || record.method === 'PATCH') {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(415, 'Unsupported Media Type');
      try {
        record.body = JSON.parse(raw);
      } catch {
        return fail(400, 'Problems parsing JSON');
      }
    }
    const route = this.route(record);
    if (!route) return fail(404, 'Not Found');
    if (record.method !== 'GET' && this.options.readOnly) return fail(403, 'Resource not accessible by integration');
    if (record.method !== 'GET' && this.options.failWrites) return fail(this.options.failWrites, 'Server Error');
    const [status, body, headers] = route();
    if (status >= 400) return fail(status, (body as { message: string }).message, (body as { errors?: unknown[] }).errors);
    send(status, body, headers);
  }

  private route(record: RecordedRequest): (() => [number, unknown, Record<string, string>?]) | undefined {
    const { owner, repo } = this.options;
    const prefix = `/repos/${owner}/${repo}`;
    if (!record.path.startsWith(`${prefix}/`)) return undefined;
    const rest = record.path.slice(prefix.length);
    let m = /^\/pulls\/(\d+)\/comments$/.exec(rest);
    if (m && this.options.pulls[Number(m[1])]) {
      const pull = Number(m[1]);
      if (record.method === 'GET')
        return () =>
          this.page(
            record,
            this.reviewComments.filter((c) => c.pull === pull),
            (c) => this.reviewView(c),
          );
      if (record.method === 'POST') return () => this.createReview(pull, record.body as Record<string, unknown>);
    }
    m = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (m && this.options.pulls[Number(m[1])]) {
      const issue = Number(m[1]);
      if (record.method === 'GET')
        return () =>
          this.page(
            record,
            this.issueComments.filter((c) => c.pull === issue),
            (c) => this.issueView(c),
          );
      if (record.method === 'POST') return () => this.createIssueComment(issue, record.body as Record<string, unknown>);
    }
    m = /^\/(pulls|issues)\/comments\/(\d+)$/.exec(rest);
    if (m && record.method === 'PATCH') {
      const list = m[1] === 'pulls' ? this.reviewComments : this.issueComments;
      const comment = list.find((c) => c.id === Number(m![2]));
      if (!comment) return undefined;
      return () => {
        const body = (record.body as { body?: unknown }).body;
        if (typeof body !== 'string' || !body)
          return [422, { message: 'Validation Failed', errors: [{ resource: 'Comment', field: 'body', code: 'missing_field' }] }];
        comment.body = body;
        return [200, m![1] === 'pulls' ? this.reviewView(comment) : this.issueView(comment)];
      };
    }
    return undefined;
  }

  private page(
    record: RecordedRequest,
    items: StoredComment[],
    view: (c: StoredComment) => unknown,
  ): [number, unknown, Record<string, string>] {
    const perPage = Math.min(100, Math.max(1, Number(record.query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(record.query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const url = new URL(record.path, this.url);
      url.searchParams.set('per_page', String(perPage));
      url.searchParams.set('page', String(n));
      return `<${url.href}>; rel="${rel}"`;
    };
    const links = [
      ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
      ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
    ];
    return [200, items.slice((page - 1) * perPage, page * perPage).map(view), links.length ? { link: links.join(', ') } : {}];
  }

  private createReview(pull: number, body: Record<string, unknown>): [number, unknown] {
    const invalid = (field: string, message: string): [number, unknown] => [
      422,
      { message: 'Validation Failed', errors: [{ resource: 'PullRequestReviewComment', field, code: 'invalid', message }] },
    ];
    const fake = this.options.pulls[pull]!;
    if (typeof body.body !== 'string' || !body.body) return invalid('body', 'body is missing');
    if (body.commit_id !== fake.headSha) return invalid('commit_id', 'commit_id is not part of the pull request');
    if (typeof body.path !== 'string' || !(body.path in fake.diffLines)) return invalid('path', 'path could not be resolved');
    if (body.side !== undefined && body.side !== 'RIGHT' && body.side !== 'LEFT') return invalid('side', 'side must be LEFT or RIGHT');
    if (typeof body.line !== 'number' || !fake.diffLines[body.path]!.includes(body.line))
      return invalid('line', 'pull_request_review_thread.line must be part of the diff');
    const stored = this.seed('review', {
      pull,
      body: body.body,
      path: body.path,
      line: body.line,
      side: String(body.side ?? 'RIGHT'),
      commit_id: body.commit_id,
    });
    return [201, this.reviewView(stored)];
  }

  private createIssueComment(issue: number, body: Record<string, unknown>): [number, unknown] {
    if (typeof body.body !== 'string' || !body.body)
      return [422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }] }];
    return [201, this.issueView(this.seed('issue', { pull: issue, body: body.body }))];
  }

  private reviewView(c: StoredComment): unknown {
    const { owner, repo } = this.options;
    return {
      id: c.id,
      node_id: `PRRC_${c.id}`,
      url: `${this.url}/repos/${owner}/${repo}/pulls/comments/${c.id}`,
      pull_request_review_id: c.id,
      body: c.body,
      path: c.path,
      line: c.line,
      side: c.side,
      commit_id: c.commit_id,
      original_commit_id: c.commit_id,
      user: { login: 'github-actions[bot]', type: 'Bot' },
    };
  }

  private issueView(c: StoredComment): unknown {
    const { owner, repo } = this.options;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      body: c.body,
      user: { login: 'github-actions[bot]', type: 'Bot' },
    };
  }
}
