import { isVerification, type Verification, type Verifier, type VerifyHttpReply, type VerifyInput } from './types.js';

/**
 * Table-driven HTTP verifiers: one data entry per provider (rules, doc, hosts, method, URL, auth
 * header form, how to read the answer), turned into a Verifier by `httpVerifier`.
 */

/** One provider's identity call. */
export interface HttpVerifierSpec {
  id: string;
  ruleIds: readonly string[];
  providers?: readonly string[];
  companionRuleIds?: readonly string[];
  /** The provider's documentation of the endpoint and its auth form. */
  doc: string;
  /** Hosts the secret may be sent to (exact names, or a RegExp when the secret names its own region). */
  hosts: ReadonlyArray<string | RegExp>;
  /** A self-hosted instance from `.unleak.yaml` `verify.hosts[key]` is tried too, at `https://HOST${path}`. */
  selfHosted?: { key: string; path: string };
  method: 'GET' | 'POST';
  /** The endpoint; a function when the URL depends on the secret (undefined: the value has the wrong shape). */
  url: string | ((input: VerifyInput) => string | undefined);
  /** Other regions' endpoints, tried in order while no host says live (Datadog sites). */
  alsoTry?: readonly string[];
  /** The auth headers (or none, when the secret is part of the URL). */
  auth: (input: VerifyInput) => Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** Statuses meaning "the credential works" (default 200). */
  live?: readonly number[];
  /** Statuses meaning "the provider refuses the credential" (default 401). */
  revoked?: readonly number[];
  /** For APIs that answer 200 with an error in the body (Slack): the verdict, or undefined to use the status. */
  judge?: (reply: VerifyHttpReply, host: string) => Verification | undefined;
}

/** `Authorization: Bearer <secret>`. */
export const bearer = (input: VerifyInput): Record<string, string> => ({ authorization: `Bearer ${input.value}` });

/** `<name>: <prefix><secret>`. */
export const header =
  (name: string, prefix = '') =>
  (input: VerifyInput): Record<string, string> => ({ [name]: `${prefix}${input.value}` });

/** HTTP Basic with the given user and password. */
export const basic =
  (parts: (input: VerifyInput) => [string, string]) =>
  (input: VerifyInput): Record<string, string> => {
    const [user, password] = parts(input);
    return { authorization: `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` };
  };

/** No auth header: the secret is part of the URL. */
export const inUrl = (): Record<string, string> => ({});

function verdict(spec: HttpVerifierSpec, reply: VerifyHttpReply, host: string): Verification {
  const judged = spec.judge?.(reply, host);
  if (judged) return judged;
  if ((spec.live ?? [200]).includes(reply.status)) return { status: 'live', reason: `${reply.status} from ${host}` };
  if ((spec.revoked ?? [401]).includes(reply.status)) return { status: 'revoked', reason: `${reply.status} from ${host}` };
  return { status: 'unknown', reason: `${reply.status} from ${host}` };
}

/** The candidate URLs: the provider's own, then each configured self-hosted instance. */
function candidates(
  spec: HttpVerifierSpec,
  input: VerifyInput,
  extraHosts: Readonly<Record<string, readonly string[]>>,
): { urls: string[]; hosts: Array<string | RegExp> } {
  const main = typeof spec.url === 'string' ? spec.url : spec.url(input);
  const own = spec.selfHosted ? (extraHosts[spec.selfHosted.key] ?? []) : [];
  const selfHosted = spec.selfHosted ? own.map((host) => `https://${host}${spec.selfHosted?.path ?? ''}`) : [];
  return { urls: main ? [main, ...(spec.alsoTry ?? []), ...selfHosted] : [], hosts: [...spec.hosts, ...own] };
}

/** The Verifier for a spec: live if any candidate host accepts the secret, revoked only if every one refuses it. */
export function httpVerifier(spec: HttpVerifierSpec): Verifier {
  return {
    id: spec.id,
    ruleIds: spec.ruleIds,
    providers: spec.providers,
    companionRuleIds: spec.companionRuleIds,
    doc: spec.doc,
    async verify(input, io) {
      const { urls, hosts } = candidates(spec, input, io.extraHosts);
      if (urls.length === 0) return { status: 'unknown', reason: 'value does not have the shape this verifier expects' };
      const results: Verification[] = [];
      for (const url of urls) {
        const reply = await io.http(hosts, {
          method: spec.method,
          url,
          headers: { ...spec.headers, ...spec.auth(input) },
          body: spec.body,
        });
        const result = isVerification(reply) ? reply : verdict(spec, reply, new URL(url).host);
        if (result.status === 'live') return result;
        results.push(result);
      }
      return results.find((result) => result.status === 'unknown') ?? (results[0] as Verification);
    },
  };
}
