import type { Validation } from '../types.js';
import { githubTokenChecksum, npmTokenChecksum } from './checksum-tokens.js';
import { decodesAsJwt } from './jwt.js';
import { parsesAsPrivateKey } from './pem-private-key.js';
import { isAgeSecretKey } from './age-secret-key.js';
import { isPemPrivateKeyBlock, pgpPrivateKeyBlock } from './pem-block.js';
import { credentialPassword } from './credential-password.js';
import { isBasicCredential, isSecretBase64Text } from './base64-credentials.js';
import { genericSecret, opaqueToken } from './generic-secret.js';
import { isAwsAccessKeyId } from './aws-access-key.js';
import { atlassianTokenChecksum, cloudflareTokenChecksum } from './crc32-hex-suffix.js';
import { gitlabRoutableTokenChecksum } from './gitlab-routable-token.js';
import { isPypiMacaroon } from './pypi-macaroon.js';
import { azureDevOpsPatChecksum } from './azure-devops-pat.js';
import { grafanaServiceAccountChecksum } from './grafana.js';
import {
  isDiscordBotToken,
  isGrafanaCloudToken,
  isMapboxSecretToken,
  isOnePasswordServiceAccountToken,
  isSentryOrgToken,
  isSupabaseServiceRoleJwt,
} from './json-payload-tokens.js';
import { namedSecretValue, passwordAssignment } from './password-assignment.js';
import { leadingNameValue } from './leading-name.js';
import { envDefaultValue } from './env-default.js';
import { isDecoratedPemPrivateKeyBlock } from './pem-decorated.js';
import { isJwkPrivateKey } from './jwk-private-key.js';

/** What a validator sees of a candidate. */
export interface ValidatorInput {
  secret: string;
  /** The whole regex match. */
  match: string;
  path: string;
}

/** `invalid` drops the candidate: it is not this rule's kind of secret. */
export type ValidatorResult = Validation | 'invalid';

/** An offline check of a candidate secret. */
export type Validator = (input: ValidatorInput) => ValidatorResult;

const checksum =
  (check: (token: string) => boolean): Validator =>
  ({ secret }) =>
    check(secret) ? 'checksum-valid' : 'invalid';
const structure =
  (check: (token: string) => boolean): Validator =>
  ({ secret }) =>
    check(secret) ? 'structure-valid' : 'invalid';
/**
 * A check that confirms a token when it holds but does not reject the exact shape when it fails:
 * for formats whose checksum or payload is inferred from leaked tokens, not documented, so that
 * look-alike values of the right shape (test data, rotated formats) are still reported.
 */
const confirms =
  (check: (token: string) => boolean, level: Validation): Validator =>
  ({ secret }) =>
    check(secret) ? level : 'none';

/** Every built-in validator by the name rules use in `validator:`. */
export const validatorRegistry = {
  'github-token-checksum': checksum(githubTokenChecksum),
  'npm-token-checksum': checksum(npmTokenChecksum),
  'pem-private-key': structure(parsesAsPrivateKey),
  jwt: structure(decodesAsJwt),
  'age-secret-key-bech32': checksum(isAgeSecretKey),
  'pem-private-key-block': structure(isPemPrivateKeyBlock),
  'pgp-private-key': ({ secret }) => pgpPrivateKeyBlock(secret),
  'credential-password': credentialPassword,
  'basic-auth-base64': structure(isBasicCredential),
  'base64-secret-text': structure(isSecretBase64Text),
  'generic-secret': genericSecret,
  'opaque-token': opaqueToken,
  'aws-access-key-id': structure(isAwsAccessKeyId),
  'atlassian-token-checksum': checksum(atlassianTokenChecksum),
  'cloudflare-token-checksum': checksum(cloudflareTokenChecksum),
  'gitlab-routable-token': checksum(gitlabRoutableTokenChecksum),
  'pypi-macaroon': structure(isPypiMacaroon),
  'azure-devops-pat-checksum': checksum(azureDevOpsPatChecksum),
  'grafana-service-account-checksum': checksum(grafanaServiceAccountChecksum),
  'grafana-cloud-token': structure(isGrafanaCloudToken),
  'atlassian-token-checksum-optional': confirms(atlassianTokenChecksum, 'checksum-valid'),
  'grafana-service-account-checksum-optional': confirms(grafanaServiceAccountChecksum, 'checksum-valid'),
  'grafana-cloud-token-optional': confirms(isGrafanaCloudToken, 'structure-valid'),
  'sentry-org-token': structure(isSentryOrgToken),
  'mapbox-secret-token': structure(isMapboxSecretToken),
  'onepassword-service-account-token': structure(isOnePasswordServiceAccountToken),
  'discord-bot-token': structure(isDiscordBotToken),
  'supabase-service-role-jwt': structure(isSupabaseServiceRoleJwt),
  'password-assignment': passwordAssignment,
  'named-secret-value': namedSecretValue,
  'leading-name-value': leadingNameValue,
  'env-default-value': envDefaultValue,
  'pem-private-key-block-decorated': structure(isDecoratedPemPrivateKeyBlock),
  'jwk-private-key': (input) => (isJwkPrivateKey(input) ? 'structure-valid' : 'invalid'),
} satisfies Record<string, Validator>;

/** Names accepted in a rule's `validator:` field. */
export type ValidatorName = keyof typeof validatorRegistry;

/** Looks a validator up by name. */
export function findValidator(name: string): Validator | undefined {
  return (validatorRegistry as Record<string, Validator>)[name];
}
