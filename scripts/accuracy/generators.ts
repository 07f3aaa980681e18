// Generators of realistic fake secrets for the accuracy corpus: fresh values every run, valid checksums.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, toBase62 } from '../../src/engine/index.js';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const pickFrom = (alphabet: string, length: number): string => [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
const alnum = (n: number) => pickFrom(ALNUM, n);
const hex = (n: number) => randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
const upperBase32 = (n: number) => pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const b64 = (n: number) => pickFrom(`${ALNUM}+/`, n);
const b64url = (n: number) => pickFrom(`${ALNUM}-_`, n);
const digits = (n: number) => pickFrom('0123456789', n).replace(/^0/, '1');
const letters = (n: number) => pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);

function checksummed(prefix: string): string {
  const body = alnum(30);
  return `${prefix}${body}${toBase62(crc32(body), 6)}`;
}

/** A password as people and password managers make them: mixed classes, symbols. */
export function strongPassword(length = 20): string {
  for (;;) {
    const value = pickFrom(`${ALNUM}!#%&*+-=?@^_~`, length);
    if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value) && /[^A-Za-z0-9]/.test(value)) return value;
  }
}

function jwt(): string {
  const seg = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${seg({ alg: 'HS256', typ: 'JWT' })}.${seg({ sub: randomUUID(), role: 'service', iat: now, exp: now + 86400 * 365 })}.${randomBytes(32).toString('base64url')}`;
}

function pypiToken(): string {
  const field = (type: number, data: Buffer) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const identifier = Buffer.from(JSON.stringify({ version: 1, permissions: 'user', nonce: hex(32) }).slice(0, 120));
  const body = Buffer.concat([Buffer.from([2]), field(1, Buffer.from('pypi.org')), field(2, identifier), Buffer.from([0]), Buffer.from([0]), field(6, randomBytes(32))]);
  return `pypi-${body.toString('base64url')}`;
}

function pem(kind: 'rsa' | 'pkcs8' | 'ec'): string {
  if (kind === 'ec') return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: kind === 'rsa' ? 'pkcs1' : 'pkcs8', format: 'pem' }) as string;
}

function openSshKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-acc-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'deploy@ci', '-f', join(dir, 'id')]);
    return readFileSync(join(dir, 'id'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ageKey(): string {
  const out = execFileSync('age-keygen', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (out.match(/AGE-SECRET-KEY-1[0-9A-Z]+/) as RegExpMatchArray)[0];
}

/** Every generator by the name corpus templates use in `{{name}}`. */
export const generators: Record<string, () => string> = {
  'github-pat': () => checksummed('ghp_'),
  'github-oauth': () => checksummed('gho_'),
  'github-app': () => checksummed('ghs_'),
  'github-fine-grained': () => `github_pat_11${alnum(20)}_${alnum(59)}`,
  'gitlab-pat': () => `glpat-${b64url(20)}`,
  'npm-token': () => checksummed('npm_'),
  'aws-key-id': () => `AKIA${upperBase32(16)}`,
  'aws-secret': () => b64(40),
  'gcp-api-key': () => `AIza${b64url(35)}`,
  'slack-bot': () => `xoxb-${digits(12)}-${digits(13)}-${alnum(24)}`,
  'slack-user': () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`,
  'slack-webhook': () => `https://hooks.slack.com/services/T${pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${alnum(24)}`,
  'stripe-live': () => `sk_live_${alnum(99)}`,
  'stripe-restricted': () => `rk_live_${alnum(99)}`,
  'openai-project': () => `sk-proj-${b64url(74)}T3BlbkFJ${b64url(74)}`,
  anthropic: () => `sk-ant-api03-${b64url(93)}AA`,
  sendgrid: () => `SG.${b64url(22)}.${b64url(43)}`,
  'twilio-api-key': () => `SK${hex(32)}`,
  huggingface: () => `hf_${letters(34)}`,
  pypi: pypiToken,
  'dockerhub-pat': () => `dckr_pat_${b64url(27)}`,
  'shopify-token': () => `shpat_${hex(32)}`,
  'digitalocean-pat': () => `dop_v1_${hex(64)}`,
  'linear-key': () => `lin_api_${alnum(40)}`,
  'postman-key': () => `PMAK-${hex(24)}-${hex(34)}`,
  'databricks-token': () => `dapi${hex(32)}`,
  'sentry-user-token': () => `sntryu_${hex(64)}`,
  'doppler-token': () => `dp.st.${alnum(40)}`,
  'vault-token': () => `hvs.${b64url(90)}`,
  'pulumi-token': () => `pul-${hex(40)}`,
  'replicate-token': () => `r8_${alnum(37)}`,
  'groq-key': () => `gsk_${alnum(52)}`,
  'perplexity-key': () => `pplx-${alnum(48)}`,
  'rubygems-key': () => `rubygems_${hex(48)}`,
  'newrelic-user-key': () => `NRAK-${upperBase32(27)}`,
  'grafana-cloud-token': () => `glc_${Buffer.from(JSON.stringify({ o: digits(6), n: `stack-${digits(6)}-deploy`, k: alnum(24), m: { r: 'prod-eu-west-2' } })).toString('base64').replace(/=+$/, '')}`,
  'figma-token': () => `figd_${b64url(40)}`,
  'planetscale-password': () => `pscale_pw_${b64url(43)}`,
  'age-secret-key': ageKey,
  'rsa-private-key': () => pem('rsa'),
  'pkcs8-private-key': () => pem('pkcs8'),
  'ec-private-key': () => pem('ec'),
  'openssh-private-key': openSshKey,
  'pem-in-json': () => JSON.stringify(pem('rsa')).slice(1, -1),
  jwt,
  password: () => strongPassword(20),
  /** A password as it appears inside a URL: characters that need no percent-encoding. */
  'url-password': () => {
    for (;;) {
      const value = pickFrom(`${ALNUM}-_.~`, 20);
      if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)) return value;
    }
  },
  'password-short': () => strongPassword(14),
  'api-secret': () => alnum(32),
  'hex-secret': () => hex(40),
  'azure-storage-key': () => `${b64(86)}==`,
  'datadog-api-key': () => hex(32),
  'k8s-secret-value': () => Buffer.from(strongPassword(24)).toString('base64'),
  'docker-auth': () => Buffer.from(`deploy:${strongPassword(18)}`).toString('base64'),
  'basic-auth': () => Buffer.from(`svc-api:${strongPassword(18)}`).toString('base64'),
  'npm-legacy-uuid': () => randomUUID(),
  // Values that are not secrets, for negative cases.
  uuid: () => randomUUID(),
  sha1: () => createHash('sha1').update(randomBytes(8)).digest('hex'),
  sha256: () => createHash('sha256').update(randomBytes(8)).digest('hex'),
  sri: () => `sha512-${createHash('sha512').update(randomBytes(8)).digest('base64')}`,
  'bad-checksum-github': () => {
    const token = checksummed('ghp_');
    return token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
  },
  'public-key': () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string,
  'png-base64': () => `iVBORw0KGgoAAAANSUhEUgAAA${b64(120)}`,
};
