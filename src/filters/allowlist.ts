import ignore from 'ignore';
import type { Finding } from '../engine/index.js';
// Not the engine's index: it also loads the rule schema (zod), which a pre-commit scan does not need.
import { LineIndex } from '../engine/positions.js';
import { userRegexTester } from '../engine/matchers.js';

/** The allowlist of `.unleak.yaml`. */
export interface AllowlistConfig {
  paths: string[];
  regexes: string[];
  lines: string[];
  stopwords: string[];
}

/** A compiled allowlist: which paths are skipped and which findings are accepted. */
export interface Allowlist {
  /** True when the path (relative, `/`-separated) is allowlisted and need not be read at all. */
  allowsPath(path: string): boolean;
  /** Drops the findings the allowlist accepts; `text` is the chunk they were found in. */
  filter(findings: Finding[], text: string): Finding[];
}

/** Compiles the config allowlist; path entries use gitignore syntax, regexes are RE2. */
export function compileAllowlist(config: AllowlistConfig): Allowlist {
  const paths = ignore().add(config.paths);
  const secretTests = config.regexes.map(userRegexTester);
  const lineTests = config.lines.map(userRegexTester);
  const stopwords = config.stopwords.map((word) => word.toLowerCase());
  const allowsPath = (path: string): boolean => config.paths.length > 0 && path !== '' && !path.startsWith('..') && paths.ignores(path);
  return {
    allowsPath,
    filter(findings, text) {
      if (findings.length === 0) return findings;
      const lines = lineTests.length ? new LineIndex(text) : undefined;
      // One verdict per line: thousands of findings on one long line must not each re-test it.
      const allowedLines = new Map<number, boolean>();
      return findings.filter((finding) => {
        if (allowsPath(finding.path)) return false;
        if (secretTests.some((test) => test(finding.secret))) return false;
        const lower = finding.secret.toLowerCase();
        if (stopwords.some((word) => lower.includes(word))) return false;
        if (lines) {
          const index = lines.lineOf(finding.start);
          let allowed = allowedLines.get(index);
          if (allowed === undefined) {
            const end = index + 1 < lines.lineCount ? lines.lineStart(index + 1) : text.length;
            const line = text.slice(lines.lineStart(index), end);
            allowedLines.set(index, (allowed = lineTests.some((test) => test(line))));
          }
          if (allowed) return false;
        }
        return true;
      });
    },
  };
}
