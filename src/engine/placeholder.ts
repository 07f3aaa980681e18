const TEMPLATE_REFERENCE = [
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\{\{.*\}\}$/s, // {{ value }}
  /^<[^<>]*>$/, // <your-key>
  /^%\(?[A-Za-z_][A-Za-z0-9_]*\)?[sd]?%?$/, // %(var)s, %VAR%
  /^\[\[.*\]\]$/,
];

const CODE_REFERENCE = /process\.env\b|os\.environ|os\.getenv|getenv\(|System\.getenv|ENV\[|ENV\.fetch|Environment\.GetEnvironmentVariable|\$\{\{|\{\{\s*\.|secrets\.[A-Z_]/;

const PLACEHOLDER_WORDS = /example|placeholder|changeme|change_me|replace_?me|your[_-]?(?:api[_-]?)?(?:key|token|secret|password|pass)|redacted|dummy|insert[_-]|x{4,}|\*\*\*|\.\.\.|…/i;

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

/** Characters in runs of four or more letters or digits that step by +1 or -1, case ignored (`123456`, `abcdef`, `FEDC`). */
function sequentialCharacters(value: string): number {
  const lower = value.toLowerCase();
  let total = 0;
  let run = 1;
  let step = 0;
  for (let i = 1; i <= lower.length; i++) {
    const diff = i < lower.length && /[a-z0-9]/.test(lower[i] as string) && /[a-z0-9]/.test(lower[i - 1] as string) ? lower.charCodeAt(i) - lower.charCodeAt(i - 1) : 0;
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
    let same = 0;
    for (let i = unit; i < value.length; i++) if (value[i] === value[i - unit]) same += 1;
    if (same >= (value.length - unit) * 0.7) return true;
  }
  return false;
}

/** Number of distinct characters. */
function distinctCount(value: string): number {
  return new Set(value).size;
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
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (value.length >= 6 && distinctCount(value) <= 2) return true;
  if (value.length >= 8 && distinctCount(value) <= 3 && value.length / distinctCount(value) >= 4) return true;
  const run = longestSequentialRun(value);
  if (run >= 6 && run >= value.length * 0.5) return true;
  if (run >= 8) return true;
  if (value.length >= 12 && (sequentialCharacters(value) >= value.length * 0.5 || isRepeatedUnit(value))) return true;
  return false;
}
