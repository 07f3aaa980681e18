import type { LiveVerifier } from '../../rotate/index.js';

/** `.unleak.yaml` `verify.hosts`: self-hosted GitHub Enterprise / GitLab hosts, by provider (`{ github: [...], gitlab: [...] }`). */
export type VerifyHosts = Readonly<Record<string, readonly string[]>>;

/**
 * The live verifier `unleak rotate` injects into the rotation (src/rotate cannot import src/verify:
 * verify imports rotate's login code). It is src/verify's `verifyValue`, loaded on first use, with
 * private addresses allowed: a rotation target is the user's own system (a database on localhost
 * or 10.x), unlike a host named by a scanned file. The config's `verify.hosts` are asked too, as
 * `scan --verify` asks them. A provider configured with its own `baseUrl` (GitHub Enterprise, a
 * proxy) is not checked against the public host, which would answer for another system: its
 * answers are `unknown`, unless `verify.hosts` names that baseUrl's host for the provider.
 */
export function cliLiveVerifier(env: NodeJS.ProcessEnv, verifyHosts: VerifyHosts = {}): LiveVerifier {
  return async ({ provider, value, customBaseUrl }) => {
    const { verifyValue, testBaseUrl } = await import('../../verify/index.js');
    if (customBaseUrl !== undefined && testBaseUrl(env) === undefined && !namesHostOf(verifyHosts[provider], customBaseUrl)) {
      return { status: 'unknown', reason: `${provider} is configured with its own baseUrl (not verified)` };
    }
    return verifyValue(provider, value, { allowPrivate: true, env, extraHosts: verifyHosts });
  };
}

/** True when `hosts` holds the host (with its port, if any) of `url`. */
export function namesHostOf(hosts: readonly string[] | undefined, url: string): boolean {
  try {
    const host = new URL(url).host.toLowerCase();
    return (hosts ?? []).some((entry) => entry.toLowerCase() === host);
  } catch {
    return false;
  }
}
