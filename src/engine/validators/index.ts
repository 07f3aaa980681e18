import type { Validation } from '../types.js';
import { githubTokenChecksum, npmTokenChecksum } from './checksum-tokens.js';
import { decodesAsJwt } from './jwt.js';
import { parsesAsPrivateKey } from './pem-private-key.js';

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

const checksum = (check: (token: string) => boolean): Validator => ({ secret }) => (check(secret) ? 'checksum-valid' : 'invalid');
const structure = (check: (token: string) => boolean): Validator => ({ secret }) => (check(secret) ? 'structure-valid' : 'invalid');

/** Every built-in validator by the name rules use in `validator:`. */
export const validatorRegistry = {
  'github-token-checksum': checksum(githubTokenChecksum),
  'npm-token-checksum': checksum(npmTokenChecksum),
  'pem-private-key': structure(parsesAsPrivateKey),
  jwt: structure(decodesAsJwt),
} satisfies Record<string, Validator>;

/** Names accepted in a rule's `validator:` field. */
export type ValidatorName = keyof typeof validatorRegistry;

/** Looks a validator up by name. */
export function findValidator(name: string): Validator | undefined {
  return (validatorRegistry as Record<string, Validator>)[name];
}
