/**
 * Where a secret value occurs in a text: written as is, JSON/JS-escaped (a multi-line key inside a
 * string literal) or percent-encoded (inside a URL). An occurrence glued to letters or digits on
 * either side is part of a longer word and is not the secret, unless the scanner reported that span.
 * A short value (under {@link MIN_SEARCH_LENGTH} characters) is replaced only where it was reported:
 * elsewhere it could be any word.
 */

/** Values shorter than this are replaced only at the reported spans. */
export const MIN_SEARCH_LENGTH = 8;

/** One place a value occurs; `start..end` covers the text as written (escaped or encoded). */
export interface Occurrence {
  start: number;
  end: number;
  form: 'raw' | 'escaped' | 'percent';
}

const WORD = /[A-Za-z0-9]/;

/** The written forms of a value that are looked for. */
export function valueForms(value: string): Array<{ text: string; form: Occurrence['form'] }> {
  const forms: Array<{ text: string; form: Occurrence['form'] }> = [{ text: value, form: 'raw' }];
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) forms.push({ text: escaped, form: 'escaped' });
  const percent = encodeURIComponent(value);
  if (percent !== value && percent !== escaped) forms.push({ text: percent, form: 'percent' });
  return forms;
}

/** Every occurrence of `value` in `text`, in order, never overlapping. `reported` spans always count. */
export function findOccurrences(text: string, value: string, reported: Array<{ start: number; end: number }> = []): Occurrence[] {
  if (value.length === 0) return [];
  const found: Occurrence[] = [];
  for (const { text: needle, form } of valueForms(value)) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      const glued =
        (WORD.test(needle[0] as string) && WORD.test(text[at - 1] ?? '')) ||
        (WORD.test(needle.at(-1) as string) && WORD.test(text[end] ?? ''));
      const wasReported = reported.some((span) => span.start === at && span.end === end);
      if ((glued || value.length < MIN_SEARCH_LENGTH) && !wasReported) continue;
      if (found.some((other) => at < other.end && other.start < end)) continue;
      found.push({ start: at, end, form });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
