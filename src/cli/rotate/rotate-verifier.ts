import type { LiveVerifier } from '../../rotate/index.js';

/**
 * The live verifier `unleak rotate` injects into the rotation (src/rotate cannot import src/verify:
 * verify imports rotate's login code). It is src/verify's `verifyValue`, loaded on first use, with
 * private addresses allowed: a rotation target is the user's own system (a database on localhost
 * or 10.x), unlike a host named by a scanned file. A provider configured with its own `baseUrl`
 * (GitHub Enterprise, a proxy) is not checked against the public host, which would answer for
 * another system: its answers are `unknown`.
 */
export function cliLiveVerifier(env: NodeJS.ProcessEnv): LiveVerifier {
  return async ({ provider, value, customBaseUrl }) => {
    const { verifyValue, testBaseUrl } = await import('../../verify/index.js');
    if (customBaseUrl !== undefined && testBaseUrl(env) === undefined) return { status: 'unknown', reason: `${provider} is configured with its own baseUrl (not verified)` };
    return verifyValue(provider, value, { allowPrivate: true, env });
  };
}
