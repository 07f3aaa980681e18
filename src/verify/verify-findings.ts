import { createHash } from 'node:crypto';
import type { Finding } from '../engine/index.js';
import { connectionUrlOf, type LineReader } from './connection-context.js';
import { VerifierRegistry } from './registry.js';
import type { Verification, Verifier, VerifyInput, VerifyIo } from './types.js';
import { createVerifyIo, type VerifyRunOptions } from './verify-io.js';

/** Options of `verifyFindings` and `verifyValue`: the run's limits and I/O, and the verifiers to use. */
export interface VerifyOptions extends VerifyRunOptions {
  registry?: VerifierRegistry;
  /** Reads a scanned file's line, to rebuild a connection string when a finding has no snippet (a report read back). */
  readLine?: LineReader;
}

/**
 * One run's results, kept in memory only, keyed by (verifier id, SHA-256 of the value): the same
 * secret found twice is checked once, and a result is never reused by another verifier.
 */
class RunCache {
  private readonly results = new Map<string, Promise<Verification>>();

  get(verifier: Verifier, input: VerifyInput, io: VerifyIo): Promise<Verification> {
    const digest = createHash('sha256')
      .update(input.value)
      .update('\0')
      .update(input.companion ?? '')
      .digest('hex');
    const key = `${verifier.id}\0${digest}`;
    let result = this.results.get(key);
    if (!result) {
      result = verifier.verify(input, io).catch((): Verification => ({ status: 'unknown', reason: `${verifier.id} verifier failed` }));
      this.results.set(key, result);
    }
    return result;
  }
}

const sameChunk = (a: Finding, b: Finding) => a.path === b.path && a.commit === b.commit;

/** The other half of a paired credential: the nearest finding of a companion rule in the same file (and commit). */
function companionOf(finding: Finding, verifier: Verifier, findings: Finding[]): string | undefined {
  const rules = verifier.companionRuleIds;
  if (!rules?.length) return undefined;
  const candidates = findings.filter(
    (other) => other !== finding && rules.includes(other.ruleId) && sameChunk(finding, other) && other.secret,
  );
  candidates.sort((a, b) => Math.abs(a.line - finding.line) - Math.abs(b.line - finding.line));
  return candidates[0]?.secret;
}

/**
 * Verifies every finding with its rule's verifier and sets `finding.verification`
 * (`no verifier` when its rule has none). Never throws for a provider's answer or a network failure.
 */
export async function verifyFindings(findings: Finding[], options: VerifyOptions = {}): Promise<void> {
  const registry = options.registry ?? new VerifierRegistry();
  const io = createVerifyIo(options);
  const cache = new RunCache();
  await Promise.all(
    findings.map(async (finding) => {
      const verifier = registry.forRule(finding.ruleId);
      if (!verifier) {
        finding.verification = { status: 'unknown', reason: 'no verifier' };
        return;
      }
      if (!finding.secret) {
        finding.verification = { status: 'unknown', reason: 'no value to verify (report written without --reveal)' };
        return;
      }
      const value = verifier.input === 'connection-url' ? connectionUrlOf(finding, options.readLine) : finding.secret;
      if (!value) {
        finding.verification = { status: 'unknown', reason: 'connection string around the password not found' };
        return;
      }
      finding.verification = await cache.get(verifier, { value, companion: companionOf(finding, verifier, findings) }, io);
    }),
  );
}

/**
 * Verifies one value by rotation provider id (`github`, `npm`, `slack`, `stripe`, `aws-iam`,
 * `postgres`, `mysql`, `redis`, `rabbitmq`) or verifier id: what `unleak rotate` calls to
 * prove the old credential is refused and the new one is live. AWS takes the stored pair
 * (`AKIA…:secret`, JSON or ini lines); databases take the full connection URL.
 */
export async function verifyValue(providerId: string, value: string, options: VerifyOptions = {}): Promise<Verification> {
  const verifier = (options.registry ?? new VerifierRegistry()).forProvider(providerId);
  if (!verifier) return { status: 'unknown', reason: 'no verifier' };
  return new RunCache().get(verifier, { value }, createVerifyIo(options));
}
