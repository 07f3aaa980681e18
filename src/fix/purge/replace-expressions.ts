/**
 * The expressions file of `git filter-repo --replace-text` (and `--replace-message`): one line per
 * written form of each value, `literal:VALUE==>REPLACEMENT`, or `regex:` for values a line cannot
 * hold (newlines, a trailing carriage return). Longest values first, so a value inside another is
 * not replaced before the one containing it.
 * https://github.com/newren/git-filter-repo/blob/main/Documentation/git-filter-repo.txt (--replace-text)
 */

/** A value to remove from history, and the name it is stored under (shown in its place). */
export interface PurgeValue {
  name: string;
  value: string;
  /** True when the value is a store entry (so `unleak rotate NAME` applies). */
  stored?: boolean;
}

/** What replaces a value in every blob and commit message. */
export function replacementFor(name: string): string {
  return `***REMOVED:${name}***`;
}

/** Escapes text for a Python `re` pattern (every non-alphanumeric ASCII character is escaped). */
export function pythonRegexEscape(text: string): string {
  return [...text]
    .map((ch) => {
      if (ch === '\n') return '\\n';
      if (ch === '\r') return '\\r';
      if (ch === '\t') return '\\t';
      return /[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 127 ? ch : `\\${ch}`;
    })
    .join('');
}

/** The written forms of a value worth removing: as is, trimmed, and JSON-escaped when it spans lines. */
export function purgeForms(value: string): string[] {
  const forms = new Set([value]);
  const trimmed = value.trim();
  if (trimmed.length >= 8) forms.add(trimmed);
  for (const form of [...forms]) if (/[\r\n]/.test(form)) forms.add(JSON.stringify(form).slice(1, -1));
  return [...forms].filter((form) => form.length > 0);
}

/** The expressions file text for `values`. */
export function replaceExpressions(values: PurgeValue[]): string {
  const lines = values
    .flatMap(({ name, value }) => purgeForms(value).map((form) => ({ form, replacement: replacementFor(name) })))
    .sort((a, b) => b.form.length - a.form.length)
    .map(({ form, replacement }) =>
      /[\r\n]/.test(form) ? `regex:${pythonRegexEscape(form)}==>${replacement}` : `literal:${form}==>${replacement}`,
    );
  return `${[...new Set(lines)].join('\n')}\n`;
}
