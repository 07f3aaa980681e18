const TEMPLATE_REFERENCE = [
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\{\{.*\}\}$/s, // {{ value }}
  /^<[^<>]*>$/, // <your-key>
  /^%(?:\([A-Za-z_][A-Za-z0-9_]*\)[sd]?|[A-Za-z_][A-Za-z0-9_]*%|\{[A-Za-z_][\w:.]*\}|[sd])$/, // %(var)s, %VAR%, %{var} (a password may start with `%`)
  /^\[\[.*\]\]$/,
];

const CODE_REFERENCE =
  /process\.env\b|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|ENV\.fetch|Environment\.GetEnvironmentVariable|\$\{\{|\{\{\s*\.|secrets\.[A-Z_]/;

const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|change_me|replace_?me|your[_-]?(?:api[_-]?)?(?:key|token|secret|password|pass)|redacted|dummy|insert[_-]|\.\.\.|…/i;

/**
 * Runs of x standing for a value (`ghp_xxxx…`, `AKIAXXXXXXXXXXXXXXXX`, `pass: xxxx`): four of one
 * case or six of either in a short value; eight in a long one. Random base64 holds four x's of
 * either case by chance (`XXxx`: in about one 2048-bit PEM key of 700), eight about never.
 */
const standsInXs = (value: string): boolean => (value.length <= 64 ? /x{4}|X{4}|[xX]{6}/.test(value) : /[xX]{8}/.test(value));

/**
 * Stars masking a value (`********`, `sk_live_***`, `ab***yz`): four in a row, or three at
 * either end or in a value of twelve characters at most. A password of symbols holds three in its
 * middle now and then (`8^V93n***U%6w4`).
 */
export const isMasked = (value: string): boolean => /\*{4}|^\*{3}|\*{3}$/.test(value) || (value.length <= 12 && value.includes('***'));

/** Longest run of characters whose codes step by +1 or -1 (abcdef, 98765). */
function longestSequentialRun(value: string): number {
  let best = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < value.length; i++) {
    const diff = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if ((diff === 1 || diff === -1) && (run === 1 || diff === step)) {
      run += 1;
      step = diff;
    } else {
      run = diff === 1 || diff === -1 ? 2 : 1;
      step = diff;
    }
    best = Math.max(best, run);
  }
  return best;
}

/** `[a-z0-9]` as a character code. */
const isLowerAlnum = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/** Characters in runs of four or more letters or digits that step by +1 or -1, case ignored (`123456`, `abcdef`, `FEDC`). */
function sequentialCharacters(value: string): number {
  const lower = value.toLowerCase();
  let total = 0;
  let run = 1;
  let step = 0;
  for (let i = 1; i <= lower.length; i++) {
    const diff =
      i < lower.length && isLowerAlnum(lower.charCodeAt(i)) && isLowerAlnum(lower.charCodeAt(i - 1))
        ? lower.charCodeAt(i) - lower.charCodeAt(i - 1)
        : 0;
    if ((diff === 1 || diff === -1) && (run === 1 || diff === step)) {
      run += 1;
      step = diff;
      continue;
    }
    if (run >= 4) total += run;
    run = diff === 1 || diff === -1 ? 2 : 1;
    step = diff;
  }
  return total;
}

/** True when the value repeats one short unit (`abc123abc123abc123`, `a1a1a1a1`) over at least 70% of it (a prefix such as `sk_live_` aside). */
function isRepeatedUnit(value: string): boolean {
  for (let unit = 2; unit <= 8 && unit * 3 <= value.length; unit++) {
    const needed = (value.length - unit) * 0.7;
    let same = 0;
    // Stops as soon as the rest of the value could no longer reach `needed`.
    for (let i = unit; i < value.length && same + (value.length - i) >= needed; i++)
      if (value.charCodeAt(i) === value.charCodeAt(i - unit)) same += 1;
    if (same >= needed) return true;
  }
  return false;
}

/** Stamps of the character codes seen by the current distinctCount call (no allocation per call). */
const seenStamp = new Uint32Array(0x10000);
let stamp = 0;

/** Number of distinct characters (code points). */
function distinctCount(value: string): number {
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return new Set(value).size;
    if (seenStamp[code] !== stamp) {
      seenStamp[code] = stamp;
      count += 1;
    }
  }
  return count;
}

/**
 * True when a candidate secret is a placeholder, a template or code reference, or made of
 * repeated or sequential characters: `xxxx…`, `EXAMPLE`, `<your-key>`, `${VAR}`, `{{ … }}`,
 * `process.env.X`, `os.environ[…]`, `aaaaaaaa`, `12345678`, `abcdefgh`; made half of runs
 * like `123456`/`abcdef` (`sk_live_123456abcdef123456abcdef`) or of one repeated unit (`ab12ab12ab12`).
 */
export function isPlaceholder(secret: string): boolean {
  const value = secret.trim();
  if (value.length === 0) return true;
  if (TEMPLATE_REFERENCE.some((re) => re.test(value))) return true;
  if (CODE_REFERENCE.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value) || standsInXs(value) || isMasked(value)) return true;
  const distinct = value.length >= 6 ? distinctCount(value) : 0;
  if (value.length >= 6 && distinct <= 2) return true;
  if (value.length >= 8 && distinct <= 3 && value.length / distinct >= 4) return true;
  const run = longestSequentialRun(value);
  if (run >= 6 && run >= value.length * 0.5) return true;
  if (run >= 8) return true;
  if (value.length >= 12 && (sequentialCharacters(value) >= value.length * 0.5 || isRepeatedUnit(value))) return true;
  return false;
}
