/**
 * src/verify: live verification (is a leaked credential still accepted?). This file is the room's door.
 *
 *   await verifyFindings(findings, { allowPrivate?, extraHosts?, fetch? })   sets finding.verification
 *   result = await verifyScanResult(scanResult, flags, options)              verify + --only-verified / --results
 *   verification = await verifyValue('github', token)                        for unleak rotate (old refused, new live)
 *
 * Safety: a secret is sent only to its verifier's fixed hosts (src/verify/host-guard.ts), over
 * HTTPS, with read-only identity calls; database checks skip private addresses unless
 * allowPrivate; concurrency, per-host spacing, Retry-After and a run deadline bound the traffic;
 * results are cached in memory per (verifier, secret) for one run and never written anywhere.
 *
 * Imports engine, config, report and rotate (SigV4, credential URLs, database and AMQP clients);
 * never cli, sources, fix, action, store, filters or scan (eslint.config.js).
 */

export type { Verification, Verifier, VerifyInput, VerifyIo } from './types.js';
export { builtinVerifiers, httpVerifierSpecs, VerifierRegistry } from './registry.js';
export { verifyFindings, verifyValue, type VerifyOptions } from './verify-findings.js';
export { verifyScanResult, wantsVerification, type VerifyFlags } from './scan-verification.js';
export { keepByStatus, parseResults, statusesToKeep } from './result-filter.js';
export type { VerifyRunOptions } from './verify-io.js';
export { configuredHosts } from './configured-hosts.js';
export { testBaseUrl } from './host-guard.js';
export { connectionUrlIn, connectionUrlOf, type LineReader } from './connection-context.js';
