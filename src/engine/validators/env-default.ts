import { isSecretName } from './generic-secret.js';
import { verdictByName } from './password-assignment.js';

/**
 * The variable or setting a lookup names: `${NAME:-…}`, `${spring.name:…}` (its last part),
 * `process.env.NAME`, `ENV['NAME']`, `getenv("NAME")`, `os.environ.get('NAME')`,
 * `Configuration["Section:Name"]` (its last part), a template's `{{ name | default(…) }}`.
 */
const LOOKED_UP =
  /(?:\$\{(?:[A-Za-z_][\w-]*\.)*|env\.|env\[[ \t]{0,2}["'`]|ENV\[[ \t]{0,2}["']|getenv\([ \t]{0,2}["']|environ(?:\.get\(|\[)[ \t]{0,2}["']|EnvironmentVariable\([ \t]{0,2}"|Configuration\[[ \t]{0,2}"(?:\w+:)*|\{\{[ \t]{0,2})([A-Za-z_][\w-]{0,80})/;

/**
 * The `env-default-value` validator: a literal the code or a Compose file falls back to when an
 * environment variable is unset (`${DB_PASSWORD:-…}`, `process.env.JWT_SECRET ?? '…'`,
 * `getenv('API_KEY') ?: '…'`) is in every checkout and every process that runs without the
 * variable. The variable must name a secret: a password name accepts 6 characters; a secret
 * name, or any name ending in `key` (`STRIPE_KEY`, not `CACHE_KEY=users`), 12 of a random
 * literal. https://cwe.mitre.org/data/definitions/798.html
 */
export function envDefaultValue({ secret, match }: { secret: string; match: string }): 'none' | 'invalid' {
  const name = LOOKED_UP.exec(match)?.[1];
  if (name === undefined) return 'invalid';
  const keyName = /(?:^|_)KEY$/i.test(name) || /[a-z]Key$/.test(name);
  return verdictByName(name, secret, keyName || isSecretName(name));
}
