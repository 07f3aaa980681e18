import type { SecretTarget } from '../store/index.js';

/**
 * The data of a fix: findings in, a plan out. A plan is printed before anything is written and
 * holds every decision: store entry names, per-file edits as offset ranges, files that move into
 * the store, lines added to `.gitignore` and `.env.example`. Only `PlannedEntry.value` holds a
 * secret, and no renderer ever prints it.
 */

/** A finding with its raw value, as the planner needs it (from a fresh scan or a verified report). */
export interface FixFinding {
  ruleId: string;
  title: string;
  path: string;
  line: number;
  column: number;
  /** Offsets (UTF-16) of the reported span in the file's text as read (BOM included), end exclusive. */
  start: number;
  end: number;
  secret: string;
  fingerprint: string;
  /** The rule's suggested reference name (RuleSpec.envName). */
  envName?: string;
  /** The rule's rotation provider id. */
  provider?: string;
  /** Set when the engine found the value inside encoded text (base64, percent, JSON escapes). */
  decodedFrom?: string;
}

/** A text file of the tree, as read: path relative to the root, decoded UTF-8 text. */
export interface TreeFile {
  path: string;
  text: string;
}

/** What a store entry's value is. */
export type EntryKind =
  /** A secret value found by the scanner; its occurrences become references. */
  | 'value'
  /**
   * A `.env` line whose value holds a secret but is not exactly one (a URL with a password): stored
   * as a template in which each secret is `${NAME}` of its own entry, composed by `unleak run` and
   * `unleak render`. It holds no secret, so rotating the secret's entry changes it too.
   */
  | 'composed'
  /** A file whose whole content is a secret (a private key): it moves into the store. */
  | 'file';

/** One store entry the fix writes (or re-uses when the store already holds the same value). */
export interface PlannedEntry {
  name: string;
  kind: EntryKind;
  /** The raw value: written to the store, never printed. */
  value: string;
  valueSha256: string;
  /** Redacted form for the plan. */
  redacted: string;
  ruleIds: string[];
  /** Fingerprints of the findings this entry fixes. */
  fingerprints: string[];
  provider?: string;
  /** Where the value was first seen (`path:line`), recorded in the store metadata. */
  source: string;
  /** Who chose the name: a `.env` key, the user, the store (same value), the rule's envName, the file name. */
  namedBy: 'dotenv' | 'user' | 'store' | 'rule';
  /** True when the store already holds this exact value under `name`: only the metadata changes. */
  reused: boolean;
  /** Number of places in the tree that now reference the entry. */
  references: number;
  /** For kind `file`: the path the file is restored to (`unleak run --file NAME=PATH`). */
  filePath?: string;
  /** For a password found inside a connection string: the account it logs in as (never the password), for `rotate`. */
  target?: SecretTarget;
  /** For a composed entry (kind `composed`, or a `file` moved as a template): the entries its template references. */
  composedOf?: string[];
}

/** A replacement of `text.slice(start, end)` (UTF-16 offsets, end exclusive) with `replacement`. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
  /** 1-based position of `start`, for the plan. */
  line: number;
  column: number;
  /** What is replaced, redacted, for the plan. */
  shown: string;
  /** Entry name the edit references, if any. */
  entry?: string;
}

/** Every change to one existing (or new) text file. */
export interface FileChange {
  path: string;
  /** sha256 of the text the plan was made from; undefined for a file that does not exist yet. */
  originalSha256: string | undefined;
  edits: TextEdit[];
  /** Why the file changes, in the plan's words (`references`, `.env lines moved`, `.gitignore`, …). */
  reason: string;
}

/** A file that is itself a secret: removed from the tree after its content is stored. */
export interface FileRemoval {
  path: string;
  originalSha256: string;
  entry: string;
}

/** A finding (or an occurrence) the fix leaves alone, and why. */
export interface Refusal {
  path: string;
  line: number;
  ruleId?: string;
  redacted: string;
  reason: string;
}

/** The whole fix, decided before anything is written. */
export interface FixPlan {
  entries: PlannedEntry[];
  changes: FileChange[];
  removals: FileRemoval[];
  refused: Refusal[];
  /** Findings the plan fixes (all their values are stored and every occurrence replaced). */
  fixedFingerprints: string[];
  /** sha256 of every value whose occurrences the plan removes from the tree (for the re-scan proof). */
  fixedValueSha256: string[];
}
