import { graceEnd } from './finish.js';
import type { ProviderRegistry } from './registry.js';
import { graceFor, maxAgeFor } from './rotation-config.js';
import type { RotationEntry } from './rotation-store.js';

/** What `unleak status` shows for one store entry (and what `rotate --due` / `--all-leaked` select by). */
export interface EntryStatus {
  name: string;
  provider?: string;
  /** How the provider was chosen: named in the config, recorded in the store, or detected from the value. */
  providerSource?: 'config' | 'store' | 'detected';
  /** Why no provider applies. */
  providerProblem?: string;
  createdAt?: string;
  rotatedAt?: string;
  /** Age of the current value: since rotatedAt, else createdAt (ms). */
  ageMs?: number;
  maxAgeMs?: number;
  /** True/false against maxAge; undefined when no maxAge applies or the age is unknown. */
  due?: boolean;
  leaked: boolean;
  /** The store keeps a previous value: a grace period (until graceUntil) or an interrupted rotation. */
  pending: boolean;
  graceUntil?: string;
}

const time = (iso: string | undefined): number | undefined => (iso === undefined || Number.isNaN(Date.parse(iso)) ? undefined : Date.parse(iso));

/** The status of every entry, in store order. Pure: no I/O, values only used to detect providers. */
export function entryStatuses(entries: RotationEntry[], registry: ProviderRegistry, now: Date): EntryStatus[] {
  return entries.map((entry) => {
    const resolved = registry.resolve({ name: entry.name, provider: entry.provider, value: entry.value });
    const since = time(entry.rotatedAt) ?? time(entry.createdAt);
    const ageMs = since === undefined ? undefined : Math.max(0, now.getTime() - since);
    const maxAgeMs = maxAgeFor(registry.settings, entry.name);
    const pending = entry.previous !== undefined;
    return {
      name: entry.name,
      provider: 'provider' in resolved ? resolved.provider.id : undefined,
      providerSource: 'provider' in resolved ? resolved.how : undefined,
      providerProblem: 'reason' in resolved ? resolved.reason : undefined,
      createdAt: entry.createdAt,
      rotatedAt: entry.rotatedAt,
      ageMs,
      maxAgeMs,
      due: maxAgeMs === undefined || ageMs === undefined ? undefined : ageMs >= maxAgeMs,
      leaked: entry.leaked === true,
      pending,
      graceUntil: pending ? graceEnd(entry.rotatedAt, graceFor(registry.settings, entry.name))?.toISOString() : undefined,
    };
  });
}
