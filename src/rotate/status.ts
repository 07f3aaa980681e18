import { graceEnd } from './finish.js';
import { isSlackWebhookUrl } from './providers/slack-provider.js';
import type { RotationVerification } from './live-check.js';
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
  /** Set when no API can rotate the value (a Slack webhook URL): the short steps to do it by hand. */
  byHand?: string;
  /** The last live verification `unleak rotate` recorded: the current value, and the old one after its revocation. */
  lastVerification?: RotationVerification;
  /** The last verification found the replaced (leaked) credential still accepted after its revocation. */
  oldStillLive: boolean;
}

/** The provider id `unleak fix` records for a Slack webhook URL (src/fix/rotation-meta.ts): rotated by hand. */
const SLACK_WEBHOOK_PROVIDER = 'slack-webhook';

/**
 * The short steps to rotate an entry by hand, or undefined when a provider rotates it: a Slack
 * webhook URL (recorded as `slack-webhook`, or detected by its shape) unless the config names
 * another provider for it. `unleak rotate NAME` prints the full steps.
 */
function byHandSteps(entry: RotationEntry, providerId: string | undefined): string | undefined {
  const webhook =
    providerId === 'slack' ? isSlackWebhookUrl(entry.value) : providerId === undefined && entry.provider === SLACK_WEBHOOK_PROVIDER;
  if (!webhook) return undefined;
  return `rotate by hand (Slack cannot re-issue a webhook URL): make a new one, unleak secrets set ${entry.name}, delete the old one; steps: unleak rotate ${entry.name}`;
}

/** The entries a composed value refers to (`${NAME}`; `$${` is a literal). */
export function composedParts(template: string): string[] {
  return [...new Set([...template.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((match) => match[1] as string))];
}

const time = (iso: string | undefined): number | undefined =>
  iso === undefined || Number.isNaN(Date.parse(iso)) ? undefined : Date.parse(iso);

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
    const providerId = 'provider' in resolved ? resolved.provider.id : undefined;
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
      graceUntil:
        entry.previous !== undefined ? graceEnd(entry.rotatedAt, graceFor(registry.settings, entry.name))?.toISOString() : undefined,
      byHand: entry.composed ? undefined : byHandSteps(entry, providerId),
      lastVerification: entry.lastVerification,
      oldStillLive: entry.lastVerification?.old?.status === 'live',
    };
  });
}
