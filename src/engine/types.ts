/** Severity of a rule, highest first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** How sure a finding is: a checksum, structure or exact vendor prefix; a keyword and entropy; a proximity guess. */
export type Confidence = 'high' | 'medium' | 'low';

/** What an offline validator concluded about a candidate secret. */
export type Validation = 'checksum-valid' | 'structure-valid' | 'none';

/** A negative rule example: text that must not be reported, and why. */
export interface NegativeExample {
  text: string;
  reason: string;
}

/** A rule as written in a YAML file under `rules/` or in `.unleak.yaml` (DESIGN.md §3). */
export interface RuleSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  keywords: string[];
  pattern: string;
  /** Extra RegExp flags: only `i` (case-insensitive) and `m` are accepted. */
  flags?: string;
  /** Index or name of the capture group that holds the secret; 0 (whole match) when absent. */
  secretGroup?: number | string;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Name of an offline validator from the validator registry. */
  validator?: string;
  /** Regexes: a match whose secret (or whole match) matches one of them is not a secret. */
  allow?: string[];
  /** Lower-case words: a secret containing one of them is not a secret. */
  stopwords?: string[];
  /**
   * `line`: every match lies on one line and holds one of the rule's keywords, so the engine
   * runs the pattern only on the lines where a keyword occurs (much faster for common words).
   * `keyword`: every match starts where one of the rule's keywords starts (a token's prefix, a
   * variable name), so the engine tries the pattern only at those offsets, not at every offset
   * of the text; the match itself may span lines.
   */
  scope?: 'line' | 'keyword';
  /**
   * With `scope: line`: a match may also start up to this many lines above its keyword's line
   * (a name on one line, its value a few lines below); the engine runs the pattern over those
   * lines too, windows that touch merged into one.
   */
  linesBefore?: number;
  /**
   * A shape every match holds (`uuid`: 8-4-4-4-12 hex digits): a text without one anywhere is
   * not searched by this rule at all, found by one cheap pass (src/engine/text-shapes.ts) shared by
   * every rule that requires the same shape.
   */
  requires?: 'uuid';
  /** Regexes on the file path: the rule does not run on matching paths. */
  excludePaths?: string[];
  /** Regexes on the file path: when present, the rule runs only on matching paths. */
  paths?: string[];
  envName?: string;
  provider?: string;
  tags?: string[];
  /**
   * A detector that finds the matches instead of `pattern` (which then documents the value shape):
   * `vendor-proximity`, a vendor name near a bare key word (src/engine/proximity.ts).
   */
  detector?: 'vendor-proximity';
  references: string[];
  examples: { positive: string[]; negative: NegativeExample[] };
}

/** Where a chunk of text came from; sources fill it, the engine copies it onto findings. */
export interface ChunkOrigin {
  path: string;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  /** Commit message subject, for history findings. */
  subject?: string;
  /** When the text is a set of added lines, the 1-based line number in the new file of each text line. */
  lineNumbers?: number[];
}

/** A piece of text to scan, with its origin. */
export interface Chunk {
  text: string;
  origin: ChunkOrigin;
}

/** One secret the engine found. `secret` is the raw value: never printed unless the user asks. */
export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets (UTF-16 code units) of the reported span in the chunk text, end exclusive. */
  start: number;
  end: number;
  secret: string;
  entropy: number;
  validation: Validation;
  /** How sure the finding is (src/engine/confidence.ts): `high`, `medium` or `low`; the engine always sets it (findings made elsewhere count as `medium`). */
  confidence?: Confidence;
  /** Set when the secret was found inside decoded text (base64, percent- or JSON-escaped). */
  decodedFrom?: DecoderName;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
  subject?: string;
  /** The finding's first line with the secret masked, for text reports (filled by the scan pipeline). */
  snippet?: string;
  /** How many other places (blob paths or commits) hold the same secret (history scans). */
  otherOccurrences?: number;
  /** The keyed fingerprint (filled by the scan pipeline, which knows the repository's salt). */
  fingerprint?: string;
  /** With `--verify`: whether the provider still accepts the secret (filled by src/verify). */
  verification?: FindingVerification;
}

/** What live verification concluded about a finding's secret. */
export type VerificationStatus = 'live' | 'revoked' | 'unknown';

/** A verification result with a short, secret-free reason (`401 from api.github.com`, `timeout`, `no verifier`). */
export interface FindingVerification {
  status: VerificationStatus;
  reason: string;
}

export type DecoderName = 'base64' | 'percent' | 'json-escape';
