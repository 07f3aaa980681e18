import { Octokit } from '@octokit/rest';
import { VERSION } from '../version.js';

/** How the Action reaches the GitHub REST API: its base URL (`GITHUB_API_URL`), token and fetch. */
export interface GitHubClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  log: (line: string) => void;
}

/** An Octokit client for the repository's API; tests point `baseUrl` at a loopback fake. */
export function createGitHubClient(options: GitHubClientOptions): Octokit {
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: `unleak-action/${VERSION}`,
    request: options.fetch ? { fetch: options.fetch } : {},
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => options.log(`GitHub API: ${message}`),
      error: (message: string) => options.log(`GitHub API: ${message}`),
    },
  });
}

/** The HTTP status of a failed API request, when it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
