import type { RuleSpec } from './types.js';
import { VENDOR_NAMES } from './vendor-names.js';

/** Names of a detector that needs no regex of its own (`detector:` in a rule). */
export type DetectorName = 'vendor-proximity';

/** First words of rule ids and provider ids that name no vendor. */
const NOT_VENDORS = new Set([
  'generic',
  'private',
  'public',
  'password',
  'passwd',
  'secret',
  'token',
  'api',
  'key',
  'keys',
  'jwt',
  'jwk',
  'pem',
  'pgp',
  'ssh',
  'age',
  'basic',
  'bearer',
  'http',
  'https',
  'url',
  'uri',
  'database',
  'connection',
  'conn',
  'oauth',
  'webhook',
  'hash',
  'env',
  'dotenv',
  'netrc',
  'npmrc',
  'pypirc',
  'kubernetes',
  'k8s',
  'docker',
  'config',
  'credential',
  'credentials',
  'cred',
  'creds',
  'auth',
  'command',
  'curl',
  'sql',
  'mysql',
  'postgres',
  'postgresql',
  'mongodb',
  'redis',
  'amqp',
  'ldap',
  'ftp',
  'smtp',
  'jdbc',
  'uuid',
  'vendor',
  'cloud',
  'terraform',
  'ansible',
  'helm',
  'crypto',
  'wallet',
  'putty',
  'openssh',
  'rsa',
  'dsa',
  'ecdsa',
  'ed25519',
  'encryption',
  'signing',
  // Words of code and systems that rule ids start with (`code-scoped-…`, `layout-…`, `windows-…`):
  // as vendor names they woke the detector on every `code` or `layout` of a source file.
  'code',
  'layout',
  'java',
  'archive',
  'power',
  'shadow',
  'readme',
  'piped',
  'windows',
  'curlopt',
  'pkcs8',
  'wifi',
]);

/**
 * The vendor vocabulary of the proximity detector: its rule's own keywords, the SaaS names of
 * `vendor-names.ts`, and the vendors the other rules name (their `provider` and the first word
 * of their id: `sendgrid-api-key` → sendgrid), so every new rule family widens it.
 */
export function vendorVocabulary(detectorKeywords: readonly string[], otherRules: readonly RuleSpec[]): string[] {
  const names = new Set<string>([...detectorKeywords, ...VENDOR_NAMES]);
  for (const spec of otherRules) {
    if (spec.tags?.includes('generic')) continue;
    for (const candidate of [spec.provider, spec.id.split('-')[0]]) {
      const name = candidate?.toLowerCase();
      if (name && /^[a-z][a-z0-9]{3,}$/.test(name) && !NOT_VENDORS.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/** Proximity specs whose keywords the build already widened (dist/builtin-rules.scan.json, with the built-in rules only). */
const widenedSpecs = new WeakSet<RuleSpec>();

/**
 * Marks a proximity spec whose keywords are already the vocabulary of the rules it is compiled
 * with, so compiling skips the widening (~2.5 ms of a pre-commit hook). Only for specs read from
 * the build's scan rules file, compiled with the other built-in rules and no others.
 */
export function markVocabularyWidened(spec: RuleSpec): void {
  widenedSpecs.add(spec);
}

/**
 * The rules as compiled: a proximity detector's keywords (its prefilter) widened to the whole
 * vendor vocabulary; every other rule unchanged.
 */
export function withVendorVocabulary<T extends { spec: RuleSpec }>(rules: readonly T[]): T[] {
  if (!rules.some(({ spec }) => spec.detector === 'vendor-proximity' && !widenedSpecs.has(spec))) return [...rules];
  const others = rules.filter(({ spec }) => !spec.detector).map(({ spec }) => spec);
  return rules.map((rule) =>
    rule.spec.detector === 'vendor-proximity'
      ? { ...rule, spec: { ...rule.spec, keywords: vendorVocabulary(rule.spec.keywords, others) } }
      : rule,
  );
}
