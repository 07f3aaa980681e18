// Written from https://docs.aws.amazon.com/IAM/latest/APIReference/ (CreateAccessKey, UpdateAccessKey,
// DeleteAccessKey, Common Parameters, Common Errors) and https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import { send } from '../http.js';
import { providerFailed } from '../rotation-errors.js';
import { signRequest, uriEncode, type AwsCredentials } from '../sigv4.js';

/**
 * The AWS query API as the IAM and STS endpoints speak it: a form-encoded POST with Action and
 * Version, signed with SigV4, answered in XML. Only the few fields the aws-iam provider reads are
 * parsed; an error answer becomes an AwsError with AWS's error code.
 */

/** Where and how to call: endpoint URL, signing region and service, and the clock. */
export interface AwsEndpoint {
  url: string;
  region: string;
  service: 'iam' | 'sts';
  version: string;
  fetch: typeof fetch;
  now: () => Date;
  timeoutMs: number;
}

/** An error answer: AWS's code (`InvalidClientTokenId`, `LimitExceeded`, `NoSuchEntity`…) and HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly awsCode: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

const unescapeXml = (text: string): string =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_all, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');

/** The text of the first `<tag>` in an XML document. */
export function xmlField(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match ? unescapeXml(match[1] ?? '') : undefined;
}

/** Calls `action` with `params`, signed with `credentials`; returns the XML answer or throws AwsError. */
export async function awsCall(
  endpoint: AwsEndpoint,
  credentials: AwsCredentials,
  action: string,
  params: Record<string, string> = {},
): Promise<string> {
  const body = Object.entries({ Action: action, Version: endpoint.version, ...params })
    .map(([key, value]) => `${uriEncode(key)}=${uriEncode(value)}`)
    .join('&');
  const signed = signRequest(
    {
      method: 'POST',
      url: endpoint.url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      region: endpoint.region,
      service: endpoint.service,
      now: endpoint.now(),
    },
    credentials,
  );
  const { host: _host, ...headers } = signed.headers;
  const reply = await send(endpoint.fetch, 'aws-iam', `${endpoint.service.toUpperCase()} ${action}`, {
    method: 'POST',
    url: endpoint.url,
    headers,
    body,
    timeoutMs: endpoint.timeoutMs,
  });
  if (reply.status >= 200 && reply.status < 300) return reply.text;
  const code = xmlField(reply.text, 'Code') ?? `HTTP${reply.status}`;
  const message = (xmlField(reply.text, 'Message') ?? '').slice(0, 200);
  throw new AwsError(code, reply.status, `${action}: ${code}${message ? ` (${message})` : ''}`);
}

/** The ARN of the identity behind a key pair (STS GetCallerIdentity); undefined when AWS refuses the key. */
export async function callerArn(sts: AwsEndpoint, credentials: AwsCredentials): Promise<string | undefined> {
  try {
    const xml = await awsCall(sts, credentials, 'GetCallerIdentity');
    const arn = xmlField(xml, 'Arn');
    if (!arn) throw providerFailed('aws-iam', 'GetCallerIdentity answered without an Arn');
    return arn;
  } catch (error) {
    if (
      error instanceof AwsError &&
      ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'AccessDenied', 'ExpiredToken'].includes(error.awsCode)
    )
      return undefined;
    throw error;
  }
}
