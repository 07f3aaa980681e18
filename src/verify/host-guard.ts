/**
 * The allowlist check every verification request passes before anything leaves the machine:
 * a secret goes only to its own provider's fixed hosts, over HTTPS, on the default port
 * (a self-hosted GitHub or GitLab named in `.unleak.yaml` may carry a port).
 */

/** Why a URL may not be called, or undefined when it may. Never mentions the URL's path or query (they can hold the secret). */
export function refusedHost(url: string, allowedHosts: ReadonlyArray<string | RegExp>): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  const host = parsed.host.toLowerCase();
  if (parsed.protocol !== 'https:') return `not HTTPS: ${parsed.protocol.replace(/:$/, '')}://${host}`;
  if (parsed.username || parsed.password) return `credentials in the URL for ${parsed.hostname}`;
  const allowed = allowedHosts.some((entry) =>
    typeof entry === 'string' ? entry.toLowerCase() === host : entry.test(host) && parsed.port === '',
  );
  return allowed ? undefined : `host not allowed: ${host}`;
}

const LOOPBACK_BASE = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?\/?$/;

/**
 * The base URL tests send every verification request to instead of the provider:
 * `UNLEAK_VERIFY_TEST_BASE_URL`, honoured only under a test runner (NODE_ENV=test or VITEST set)
 * and only when it points at this machine's loopback interface. Undefined otherwise.
 */
export function testBaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.UNLEAK_VERIFY_TEST_BASE_URL;
  if (!base || !(env.NODE_ENV === 'test' || env.VITEST)) return undefined;
  return LOOPBACK_BASE.test(base) ? base.replace(/\/$/, '') : undefined;
}

/** The URL actually fetched: the provider's URL, or under a test base the same path and query on the loopback server. */
export function deliveryUrl(url: string, base: string | undefined): string {
  if (!base) return url;
  const parsed = new URL(url);
  return `${base}${parsed.pathname}${parsed.search}`;
}
