// Generators of realistic fake secrets for the accuracy corpus: fresh values every run, valid checksums.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { crc32, toBase62 } from '../../src/engine/index.js';
import { newAgeIdentity } from '../../test/helpers/age-identity.js';
import { newOpenSshEd25519Key } from '../../test/helpers/openssh-key.js';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const pickFrom = (alphabet: string, length: number): string => [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
const alnum = (n: number) => pickFrom(ALNUM, n);
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const upperBase32 = (n: number) => pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const b64 = (n: number) => pickFrom(`${ALNUM}+/`, n);
const b64url = (n: number) => pickFrom(`${ALNUM}-_`, n);
const digits = (n: number) => pickFrom('0123456789', n).replace(/^0/, '1');
const letters = (n: number) => pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', n);

function checksummed(prefix: string): string {
  const body = alnum(30);
  return `${prefix}${body}${toBase62(crc32(body), 6)}`;
}

/** The symbols of strongPassword. */
export const PASSWORD_SYMBOLS = '!#%&*+-=?@^_~';

/** A password as people and password managers make them: mixed classes, symbols. */
export function strongPassword(length = 20): string {
  for (;;) {
    const value = pickFrom(`${ALNUM}${PASSWORD_SYMBOLS}`, length);
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
  const body = Buffer.concat([
    Buffer.from([2]),
    field(1, Buffer.from('pypi.org')),
    field(2, identifier),
    Buffer.from([0]),
    Buffer.from([0]),
    field(6, randomBytes(32)),
  ]);
  return `pypi-${body.toString('base64url')}`;
}

function pem(kind: 'rsa' | 'pkcs8' | 'ec'): string {
  if (kind === 'ec') return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: kind === 'rsa' ? 'pkcs1' : 'pkcs8', format: 'pem' }) as string;
}

/** `run` between `before` and `after`, neither of whose touching characters extends the run (`***` stays three stars). */
export function around(run: string, before: string, after: string): string {
  const extendsRun = (ch: string | undefined) => ch !== undefined && run.toLowerCase().includes(ch.toLowerCase());
  return `${extendsRun(before.at(-1)) ? `${before.slice(0, -1)}A` : before}${run}${extendsRun(after[0]) ? `7${after.slice(1)}` : after}`;
}

/** The key with `XXxx` in the middle of its body, as about one 2048-bit key in 700 has by chance (once read as a placeholder's `xxxx`). */
function withXs(key: string): string {
  const lines = key.split('\n');
  const middle = Math.floor(lines.length / 2);
  const line = lines[middle] as string;
  lines[middle] = `${line.slice(0, 20)}XXxx${line.slice(24)}`;
  return lines.join('\n');
}

// Made in-process (no ssh-keygen or age-keygen binary), byte-compatible with what those tools write.
const openSshKey = (): string => newOpenSshEd25519Key('deploy@ci');
const ageKey = (): string => newAgeIdentity().identity;

/** A mixed-case alphanumeric password of `length` characters (at least one digit, lower and upper). */
function mixedPassword(length: number): string {
  for (;;) {
    const value = alnum(length);
    if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value)) return value;
  }
}

const lowerAlnum = (n: number) => pickFrom('0123456789abcdefghijklmnopqrstuvwxyz', n);
const upperAlnum = (n: number) => pickFrom('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', n);

/**
 * Detection round 2 (issue 12): prefixed token families, UUID-shaped credentials, command-line
 * and SQL passwords, webhook URLs. Shapes from each vendor's docs (see the rules' references).
 */
const roundTwoGenerators: Record<string, () => string> = {
  'langsmith-key': () => `lsv2_pt_${hex(32)}_${hex(10)}`,
  'pinecone-key': () => `pcsk_${alnum(6)}_${alnum(63)}`,
  'llamacloud-key': () => `llx-${alnum(48)}`,
  'together-key': () => `tgp_v1_${b64url(43)}`,
  'tavily-key': () => `tvly-dev-${alnum(32)}`,
  'xai-key': () => `xai-${alnum(80)}`,
  'sourcegraph-token': () => `sgp_${hex(16)}_${hex(40)}`,
  'sonarqube-token': () => `squ_${hex(40)}`,
  'postman-collection-token': () => `PMAT-${upperAlnum(26)}`,
  'clojars-token': () => `CLOJARS_${hex(60)}`,
  'swarm-join-token': () => `SWMTKN-1-${lowerAlnum(50)}-${lowerAlnum(25)}`,
  'typeform-token': () => `tfp_${b64url(44)}_${b64url(14)}`,
  'rootly-key': () => `rootly_${hex(64)}`,
  'dynatrace-token': () => `dt0c01.${upperAlnum(24)}.${upperAlnum(64)}`,
  'brevo-key': () => `xkeysib-${hex(64)}-${alnum(16)}`,
  'posthog-personal-key': () => `phx_${alnum(43)}`,
  'shippo-live-token': () => `shippo_live_${hex(40)}`,
  'facebook-token': () => `EAAB${alnum(160)}`,
  'salesforce-token': () => `00D${alnum(15)}!${alnum(40)}.${alnum(55)}`,
  'tailscale-auth-key': () => `tskey-auth-${alnum(13)}-${alnum(33)}`,
  'render-key': () => `rnd_${alnum(32)}`,
  'neon-key': () => `napi_${lowerAlnum(64)}`,
  'bitbucket-app-password': () => `ATBB${alnum(32)}`,
  'grafana-sa-token': () => `glsa_${alnum(32)}_${hex(8)}`,
  'anthropic-key-long': () => `sk-ant-api03-${b64url(95)}AA`,
  'sidekiq-creds': () => `${hex(8)}:${hex(8)}`,
  // Building blocks for structured templates (webhook URLs, SQL, command lines).
  'cli-password': () => mixedPassword(12),
  'short-password': () => mixedPassword(7),
  'hex-32': () => hex(32),
  'hex-40': () => hex(40),
  'mailgun-key-v2': () => `${hex(32)}-${hex(8)}-${hex(8)}`,
  'alnum-24': () => alnum(24),
  'alnum-32': () => alnum(32),
  'b64url-43': () => b64url(43),
  'digits-7': () => digits(7),
  'digits-18': () => digits(18),
  'lower-7': () => lowerAlnum(7),
  'slack-team': () => `T${upperAlnum(10)}`,
  'slack-channel': () => `B${upperAlnum(10)}`,
  'slack-app': () => `A${upperAlnum(10)}`,
};

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
  'slack-webhook': () =>
    `https://hooks.slack.com/services/T${pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${alnum(24)}`,
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
  'grafana-cloud-token': () =>
    `glc_${Buffer.from(JSON.stringify({ o: digits(6), n: `stack-${digits(6)}-deploy`, k: alnum(24), m: { r: 'prod-eu-west-2' } }))
      .toString('base64')
      .replace(/=+$/, '')}`,
  'figma-token': () => `figd_${b64url(40)}`,
  'planetscale-password': () => `pscale_pw_${b64url(43)}`,
  'age-secret-key': ageKey,
  'rsa-private-key': () => pem('rsa'),
  'pkcs8-private-key': () => pem('pkcs8'),
  'ec-private-key': () => pem('ec'),
  'openssh-private-key': openSshKey,
  'pem-in-json': () => JSON.stringify(pem('rsa')).slice(1, -1),
  'rsa-private-key-xs': () => withXs(pem('rsa')),
  'pem-in-json-xs': () => JSON.stringify(withXs(pem('rsa'))).slice(1, -1),
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
  /** What `django-admin startproject` writes into settings.py (django.core.management.utils.get_random_secret_key). */
  'django-secret-key': () => `django-insecure-${pickFrom('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50)}`,
  /** Passwords whose first characters once read as a reference or a placeholder: `%T…` (`%VAR%`), `@…` (a URL's `<password>@host`), `…***…` (a mask). */
  'password-percent': () => `%${pickFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}${strongPassword(13)}`,
  'password-at': () => `@${strongPassword(15)}`,
  'password-stars': () => around('***', strongPassword(6), strongPassword(6)),
  'api-secret': () => alnum(32),
  'hex-secret': () => hex(40),
  'azure-storage-key': () => `${b64(86)}==`,
  'datadog-api-key': () => hex(32),
  'k8s-secret-value': () => Buffer.from(strongPassword(24)).toString('base64'),
  'docker-auth': () => Buffer.from(`deploy:${strongPassword(18)}`).toString('base64'),
  'basic-auth': () => Buffer.from(`svc-api:${strongPassword(18)}`).toString('base64'),
  'npm-legacy-uuid': () => randomUUID(),
  ...roundTwoGenerators,
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
  ...decoratedShapes(),
};

/** A 7-character password of four character classes without a word or a run in it (`R7mj*s9`), as people pick short ones. */
function shortPassword(): string {
  for (;;) {
    const value = pickFrom(`${ALNUM}!#%*+-=?@^_~`, 7);
    if (
      /[a-z]/.test(value) &&
      /[A-Z]/.test(value) &&
      /\d/.test(value) &&
      /[^A-Za-z0-9]/.test(value) &&
      !/[A-Za-z]{3}|\d{3}/.test(value) &&
      new Set(value).size === 7
    )
      return value;
  }
}

const pemLines = (key: string): string[] => key.trimEnd().split('\n');

/** A private JWK (RFC 7517) exported by node:crypto, pretty-printed as a key file. */
function privateJwk(kind: 'ec' | 'rsa' | 'ed25519'): string {
  const pair =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : kind === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  return JSON.stringify({ ...pair.privateKey.export({ format: 'jwk' }), use: 'sig', kid: `sig-${hex(8)}` }, null, 2);
}

/** The public half of a JWK: what a JWKS endpoint publishes. */
function publicJwks(): string {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  return JSON.stringify(
    {
      keys: [
        { ...rsa, use: 'sig', kid: hex(8) },
        { ...ec, use: 'sig', kid: hex(8) },
      ],
    },
    null,
    2,
  );
}

/** Shapes of issue 12 items 2, 6 and 7: short passwords, private JWKs, and PEM keys decorated line by line. */
function decoratedShapes(): Record<string, () => string> {
  return {
    'password-7': shortPassword,
    'jwk-ec-private': () => privateJwk('ec'),
    'jwk-rsa-private': () => privateJwk('rsa'),
    'jwk-okp-private': () => privateJwk('ed25519'),
    'jwks-public': publicJwks,
    /** `"-----BEGIN…-----\n" +` lines of Java / JavaScript string concatenation. */
    'pem-concat': () =>
      pemLines(pem('rsa'))
        .map((line) => `"${line}\\n"`)
        .join(' +\n        '),
    /** Every line behind a log timestamp, as a CI job prints a key it cats. */
    'pem-log-prefixed': () =>
      pemLines(pem('ec'))
        .map((line, i) => `2026-04-26 12:36:${String(1 + Math.floor(i / 3)).padStart(2, '0')} ${line}`)
        .join('\n'),
    /** docker build (BuildKit) output: `#6 0.245 ` before every line. */
    'pem-docker-build': () =>
      pemLines(pem('pkcs8'))
        .map((line, i) => `#6 ${(0.245 + i * 0.001).toFixed(3)} ${line}`)
        .join('\n'),
    /** Inside a C / Java block comment. */
    'pem-star-comment': () =>
      pemLines(pem('ec'))
        .map((line) => ` * ${line}`)
        .join('\n'),
    /** Inside shell / YAML comments. */
    'pem-hash-comment': () =>
      pemLines(pem('rsa'))
        .map((line) => `# ${line}`)
        .join('\n'),
    /** Inside `//` comments. */
    'pem-slash-comment': () =>
      pemLines(pem('ec'))
        .map((line) => `// ${line}`)
        .join('\n'),
    /** A public key with log prefixes: looks like the above, holds nothing secret. */
    'public-key-log-prefixed': () =>
      pemLines(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string)
        .map((line) => `2026-04-26 12:36:01 ${line}`)
        .join('\n'),
  };
}

/** Issue 12 item 1: an opaque vendor key without a prefix, 20-40 characters of mixed case and digits, as most SaaS dashboards issue them. */
function vendorKey(): string {
  for (;;) {
    const value = alnum(20 + ((randomBytes(1)[0] as number) % 21));
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

/** A JWT with `"alg":"none"`: unsigned, anyone can write one, so it is not a secret. */
function unsignedJwt(): string {
  const seg = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${seg({ alg: 'none', typ: 'JWT' })}.${seg({ sub: randomUUID(), role: 'reader' })}.`;
}

Object.assign(generators, {
  'vendor-key': vendorKey,
  'vendor-key-lower': () => `${lowerAlnum(6)}${digits(2)}${lowerAlnum(16)}`,
  'unsigned-jwt': unsignedJwt,
  'digits-12': () => digits(12),
  /** A Google API key as a Firebase web config publishes it (public by design). */
  'firebase-web-key': () => `AIza${b64url(35)}`,
});
