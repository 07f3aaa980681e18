import { describeCause, RotationError } from './rotation-errors.js';

/** One HTTP exchange of the network providers, through the injected `fetch`. */

/** A request: method, absolute URL, headers and an optional text body. */
export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/** The parts of a response the providers read. */
export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

/** The request may or may not have reached the API (code UNLEAK_ROTATION_NETWORK). */
export function networkFailed(provider: string, message: string, cause: unknown): RotationError {
  return new RotationError('UNLEAK_ROTATION_NETWORK', `${provider}: ${message}`, {
    cause,
    hint: 'Check the network and the base URL; nothing is retried automatically.',
  });
}

/** Sends a request; a network failure or timeout is a RotationError naming the provider and the call. */
export async function send(fetchFn: typeof fetch, provider: string, what: string, call: HttpCall): Promise<HttpReply> {
  let response: Response;
  try {
    response = await fetchFn(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'error',
      signal: AbortSignal.timeout(call.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    throw networkFailed(provider, `${what}: network error: ${describeCause(cause)}`, error);
  }
  try {
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw networkFailed(provider, `${what}: the connection dropped while reading the response: ${describeCause(error)}`, error);
  }
}

/** Parses a JSON body; undefined when it is not JSON. */
export function jsonOf(reply: HttpReply): unknown {
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, value-free description of an API error body: its error code or message, at most 160 characters. */
export function apiErrorOf(reply: HttpReply): string {
  const body = jsonOf(reply) as Record<string, unknown> | undefined;
  const nested = body && typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : undefined;
  const candidates = [nested?.code, nested?.message, nested?.type, body?.error, body?.message, body?.code];
  const found = candidates.find((value): value is string => typeof value === 'string' && value !== '');
  const xml = /<Code>([^<]{1,80})<\/Code>/.exec(reply.text)?.[1];
  const detail = found ?? xml;
  return `HTTP ${reply.status}${detail ? ` (${detail.slice(0, 160)})` : ''}`;
}

/** Throws a RotationError unless the status is one of `ok`. */
export function expectStatus(reply: HttpReply, ok: number[], provider: string, what: string, hint?: string): void {
  if (!ok.includes(reply.status))
    throw new RotationError('UNLEAK_ROTATION_PROVIDER_FAILED', `${provider}: ${what}: ${apiErrorOf(reply)}`, { hint });
}

/** Joins a base URL (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
