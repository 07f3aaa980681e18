import { redact } from '../report/index.js';
import type { SecretTarget } from '../store/index.js';
import { isValidName, toEnvName, uniqueName } from './naming.js';
import { sha256 } from './text-edits.js';
import type { EntryKind, FixFinding, PlannedEntry } from './types.js';

/**
 * The store entries of a plan, by name. Names are decided here: a `.env` key keeps its name (the
 * application reads it), a value the store already holds keeps the store's name, a name the user
 * chose wins, and otherwise the rule's `envName` is made unique.
 */
export class EntryBook {
  private readonly byName = new Map<string, PlannedEntry>();
  private readonly taken: Set<string>;

  constructor(private readonly existing: ReadonlyMap<string, string>) {
    this.taken = new Set(existing.keys());
  }

  /** The entry named `name`, if the plan has one. */
  get(name: string): PlannedEntry | undefined {
    return this.byName.get(name);
  }

  /** Every entry, in the order they were added. */
  all(): PlannedEntry[] {
    return [...this.byName.values()];
  }

  /** The name of a plan entry holding exactly `value`, if any. */
  nameOfValue(value: string): string | undefined {
    return this.all().find((entry) => entry.value === value)?.name;
  }

  /** The name the store already uses for `value`, if any. */
  storeNameOf(value: string): string | undefined {
    const hash = sha256(value);
    for (const [name, existingHash] of this.existing) if (existingHash === hash) return name;
    return undefined;
  }

  /**
   * Claims a fixed name (a `.env` key, a name the user gave) for `value`. Returns the reason when it
   * cannot: the store or the plan already uses the name for another value.
   */
  claim(
    name: string,
    value: string,
    kind: EntryKind,
    finding: FixFinding | undefined,
    source: string,
    namedBy: 'dotenv' | 'user',
  ): string | undefined {
    if (!isValidName(name)) return `${name} is not a valid store name (letters, digits and _, not starting with a digit)`;
    const planned = this.byName.get(name);
    if (planned)
      return planned.value === value
        ? undefined
        : `${name} is already used in this fix for another value (fix the other file separately with --env or --path)`;
    const stored = this.existing.get(name);
    if (stored !== undefined && stored !== sha256(value))
      return `the store already holds ${name} with another value; remove it or choose another name with --name`;
    this.add(name, value, kind, finding, source, namedBy);
    return undefined;
  }

  /** Adds an entry under `base` made unique (or the store's own name for a value it already holds). */
  addUnique(base: string, value: string, kind: EntryKind, finding: FixFinding | undefined, source: string): string {
    const planned = this.nameOfValue(value);
    if (planned) return planned;
    const stored = this.storeNameOf(value);
    const name = stored ?? uniqueName(isValidName(base) ? base : toEnvName(base), this.taken);
    this.add(name, value, kind, finding, source, stored ? 'store' : 'rule');
    return name;
  }

  /** Keeps `name` from being given to another value (a `.env` key claimed later in the plan). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** Records the account a connection-string password logs in as (the first one seen wins). */
  target(name: string, found: { provider?: string; target: SecretTarget }): void {
    const entry = this.byName.get(name);
    if (!entry || entry.kind !== 'value') return;
    entry.target ??= found.target;
    entry.provider ??= found.provider;
  }

  /** Records a finding (rule, fingerprint) against an entry. */
  note(name: string, finding: FixFinding): void {
    const entry = this.byName.get(name);
    if (!entry) return;
    if (!entry.ruleIds.includes(finding.ruleId)) entry.ruleIds.push(finding.ruleId);
    if (!entry.fingerprints.includes(finding.fingerprint)) entry.fingerprints.push(finding.fingerprint);
    entry.provider ??= finding.provider;
  }

  /** Counts one more place that references the entry. */
  reference(name: string): void {
    const entry = this.byName.get(name);
    if (entry) entry.references += 1;
  }

  /** Drops entries nothing references. */
  prune(): void {
    for (const [name, entry] of this.byName) if (entry.references === 0) this.byName.delete(name);
  }

  private add(
    name: string,
    value: string,
    kind: EntryKind,
    finding: FixFinding | undefined,
    source: string,
    namedBy: PlannedEntry['namedBy'],
  ): void {
    const valueSha256 = sha256(value);
    this.taken.add(name);
    this.byName.set(name, {
      name,
      kind,
      value,
      valueSha256,
      redacted: redact(value.split('\n')[0] ?? value),
      ruleIds: finding ? [finding.ruleId] : [],
      fingerprints: finding ? [finding.fingerprint] : [],
      ...(finding?.provider ? { provider: finding.provider } : {}),
      source,
      namedBy,
      reused: this.existing.get(name) === valueSha256,
      references: 0,
    });
  }
}
