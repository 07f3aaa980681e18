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
  /** The store keeps a previous or pending value: a grace period (until graceUntil) or an interrupted rotation. */
  pending: boolean;
  /** The store keeps a pending value: a rotation stopped around its provider change (`rotate --finish` recovers it). */
  interrupted: boolean;
  /** A template of other entries: rotating those updates it; it is never rotated itself. */
  composed: boolean;
  graceUntil?: string;
}

/** The entries a composed value refers to (`${NAME}`; `$${` is a literal). */
export function composedParts(template: string): string[] {
  return [...new Set([...template.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1] as string))];
}

const time = (iso: string | undefined): number | undefined => (iso === undefined || Number.isNaN(Date.parse(iso)) ? undefined : Date.parse(iso));

/** The status of every entry, in store order. Pure: no I/O, values only used to detect providers. */
export function entryStatuses(entries: RotationEntry[], registry: ProviderRegistry, now: Date): EntryStatus[] {
  return entries.map((entry) => {
    const resolved = entry.composed
      ? { reason: `composed of ${composedParts(entry.value).join(', ') || 'other entries'}: rotating those updates it` }
      : registry.resolve({ name: entry.name, provider: entry.provider, value: entry.value, target: entry.target });
    const since = time(entry.rotatedAt) ?? time(entry.createdAt);
    const ageMs = since === undefined ? undefined : Math.max(0, now.getTime() - since);
    const maxAgeMs = maxAgeFor(registry.settings, entry.name);
    const interrupted = entry.pending !== undefined && entry.previous === undefined;
    const pending = entry.previous !== undefined || interrupted;
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
      interrupted,
      composed: entry.composed === true,
      graceUntil: entry.previous !== undefined ? graceEnd(entry.rotatedAt, graceFor(registry.settings, entry.name))?.toISOString() : undefined,
    };
  });
}
