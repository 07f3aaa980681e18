// Written from https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// (no permission is needed, so any working key pair answers) and the SigV4 code in src/rotate/sigv4.ts.
import { readAwsKey } from '../../rotate/providers/aws-credentials.js';
import { signRequest, uriEncode } from '../../rotate/sigv4.js';
import { isVerification, type Verifier, type VerifyInput } from '../types.js';

const STS_URL = 'https://sts.amazonaws.com/';
const STS_HOST = 'sts.amazonaws.com';
const KEY_ID = /^(AKIA|ASIA)[A-Z2-7]{16}$/;
const REFUSED = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'UnrecognizedClientException']);

/** The key id and secret of a finding and its paired finding (either order), or of a stored value (`AKIA…:secret`, JSON, ini lines). */
function keyPair(input: VerifyInput): { accessKeyId: string; secretAccessKey: string } | undefined {
  if (input.companion !== undefined) {
    const [accessKeyId, secretAccessKey] = KEY_ID.test(input.value) ? [input.value, input.companion] : [input.companion, input.value];
    return KEY_ID.test(accessKeyId) ? { accessKeyId, secretAccessKey } : undefined;
  }
  return readAwsKey(input.value)?.credentials;
}

/** AWS access keys: a signed STS GetCallerIdentity, which changes nothing and needs no permission. */
export const awsVerifier: Verifier = {
  id: 'aws',
  ruleIds: ['aws-secret-access-key', 'aws-access-key-id'],
  providers: ['aws-iam'],
  companionRuleIds: ['aws-access-key-id', 'aws-secret-access-key'],
  doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
  async verify(input, io) {
    const credentials = keyPair(input);
    if (!credentials) return { status: 'unknown', reason: 'no access key id and secret pair found together' };
    const body = `${uriEncode('Action')}=GetCallerIdentity&${uriEncode('Version')}=2011-06-15`;
    const signed = signRequest(
      {
        method: 'POST',
        url: STS_URL,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
        region: 'us-east-1',
        service: 'sts',
        now: new Date(),
      },
      credentials,
    );
    const { host: _host, ...headers } = signed.headers;
    const reply = await io.http([STS_HOST], { method: 'POST', url: STS_URL, headers, body });
    if (isVerification(reply)) return reply;
    if (reply.status === 200) return { status: 'live', reason: `200 from ${STS_HOST}` };
    const code = /<Code>([A-Za-z]{1,60})<\/Code>/.exec(reply.text)?.[1];
    if (code && REFUSED.has(code)) return { status: 'revoked', reason: `${code} from ${STS_HOST}` };
    return { status: 'unknown', reason: `${reply.status}${code ? ` ${code}` : ''} from ${STS_HOST}` };
  },
};
