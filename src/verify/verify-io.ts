import { deliveryUrl, refusedHost, testBaseUrl } from './host-guard.js';
import { Scheduler } from './scheduler.js';
import type { Verification, VerifyHttpCall, VerifyHttpReply, VerifyIo } from './types.js';

/** Options of a verification run (CLI flags, config, and injected I/O for tests). */
export interface VerifyRunOptions {
  fetch?: typeof fetch;
  /** `--verify-private`. */
  allowPrivate?: boolean;
  /** `.unleak.yaml` `verify.hosts`: `{ github: [...], gitlab: [...] }`. */
  extraHosts?: Record<string, readonly string[]>;
  /** Checks at once (default 8). */
  concurrency?: number;
  /** Spacing of requests to one host (default 250 ms). */
  hostIntervalMs?: number;
  /** Time one call may take (default 10 s). */
  callTimeoutMs?: number;
  /** Time the whole run may take (default 60 s). */
  totalTimeoutMs?: number;
  /** Longest Retry-After that is waited out before one retry (default 10 s); longer ones give `rate limited`. */
  maxRetryAfterMs?: number;
  env?: NodeJS.ProcessEnv;
}

const BODY_LIMIT = 64 * 1024;
const unknown = (reason: string): Verification => ({ status: 'unknown', reason });

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function failure(error: unknown): Verification {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return unknown('timeout');
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return unknown(code ? `network error (${code})` : 'network error');
}

/** Builds the I/O of one run: host allowlist, pacing, timeouts and Retry-After, around `fetch`. */
export function createVerifyIo(options: VerifyRunOptions = {}): VerifyIo {
  const fetchFn = options.fetch ?? fetch;
  const env = options.env ?? process.env;
  const base = testBaseUrl(env);
  const callTimeout = options.callTimeoutMs ?? 10_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 10_000;
  const scheduler = new Scheduler({
    concurrency: options.concurrency ?? 8,
    hostIntervalMs: options.hostIntervalMs ?? 250,
    totalTimeoutMs: options.totalTimeoutMs ?? 60_000,
  });
  const callTimeoutMs = () => Math.max(1, Math.min(callTimeout, scheduler.remainingMs()));
  const deadlinePassed = unknown('timeout (verification time limit reached)');

  const once = async (host: string, call: VerifyHttpCall): Promise<VerifyHttpReply | Verification> => {
    const result = await scheduler.run(host, async () => {
      try {
        const response = await fetchFn(deliveryUrl(call.url, base), {
          method: call.method,
          headers: { 'user-agent': 'unleak-verify', ...call.headers, ...(base ? { 'x-unleak-verify-host': host } : {}) },
          body: call.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(callTimeoutMs()),
        });
        const text = (await response.text()).slice(0, BODY_LIMIT);
        return { status: response.status, headers: response.headers, text } satisfies VerifyHttpReply;
      } catch (error) {
        return failure(error);
      }
    });
    return result ?? deadlinePassed;
  };

  return {
    allowPrivate: Boolean(options.allowPrivate),
    extraHosts: options.extraHosts ?? {},
    callTimeoutMs,
    async http(allowedHosts, call) {
      const refused = refusedHost(call.url, allowedHosts);
      if (refused) return unknown(refused);
      const host = new URL(call.url).host.toLowerCase();
      let reply = await once(host, call);
      if ('headers' in reply && reply.status === 429) {
        const wait = retryAfterMs(reply.headers.get('retry-after'));
        if (wait === undefined || wait > maxRetryAfter || wait >= scheduler.remainingMs()) return unknown(`rate limited by ${host}`);
        scheduler.holdHost(host, wait);
        reply = await once(host, call);
        if ('headers' in reply && reply.status === 429) return unknown(`rate limited by ${host}`);
      }
      if ('headers' in reply && reply.status >= 300 && reply.status < 400) return unknown(`redirect (${reply.status}) from ${host}`);
      return reply;
    },
    async slot(host, work) {
      const result = await scheduler.run(host, work);
      return result === undefined ? deadlinePassed : result;
    },
  };
}
