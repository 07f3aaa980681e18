import { parseCredentialUrl } from './credential-url.js';
import type { RotationEntry } from './rotation-store.js';

/**
 * A login URL (without password) from the target `unleak fix` recorded for an entry, so that a
 * bare password (`DB_PASSWORD`) rotates with no config: it becomes the provider's `url` option.
 */

const SCHEME_OF: Record<string, string> = { postgres: 'postgres', mysql: 'mysql', redis: 'redis', rabbitmq: 'amqp' };

/** Provider option defaults for an entry: `{ url }` when its value is no URL but its target says where it logs in. */
export function targetDefaults(entry: RotationEntry, providerId: string): Record<string, unknown> {
  const target = entry.target;
  const scheme = SCHEME_OF[providerId];
  if (!target || scheme === undefined || target.host === undefined || parseCredentialUrl(entry.value)) return {};
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const port = target.port === undefined ? '' : `:${target.port}`;
  const path = target.database === undefined ? '' : `/${encodeURIComponent(target.database)}`;
  return { url: `${target.scheme ?? scheme}://${encodeURIComponent(target.user ?? '')}@${host}${port}${path}` };
}
