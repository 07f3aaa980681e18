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

/** Number of distinct characters. */
function distinctCount(value: string): number {
  return new Set(value).size;
}

/**
 * True when a candidate secret is a placeholder, a template or code reference, or made of
 * repeated or sequential characters: `xxxx…`, `EXAMPLE`, `<your-key>`, `${VAR}`, `{{ … }}`,
 * `process.env.X`, `os.environ[…]`, `aaaaaaaa`, `12345678`, `abcdefgh`.
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
  return false;
}
