/**
 * Last line of defence for "secrets never reach messages": replaces every appearance of the given
 * values (raw or percent-encoded) in an error's message, hint and causes' messages with `[redacted]`.
 */

function variants(values: Array<string | undefined>): string[] {
  const found = new Set<string>();
  for (const value of values) {
    if (value === undefined || value.length < 4) continue;
    found.add(value);
    found.add(encodeURIComponent(value));
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** The text with every value replaced. */
export function scrubText(text: string, values: Array<string | undefined>): string {
  let out = text;
  for (const secret of variants(values)) out = out.split(secret).join('[redacted]');
  return out;
}

/** Scrubs an error (and its causes) in place and returns it. */
export function scrubError<T>(error: T, values: Array<string | undefined>): T {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    current.message = scrubText(current.message, values);
    const hinted = current as Error & { hint?: string };
    if (typeof hinted.hint === 'string') Object.defineProperty(hinted, 'hint', { value: scrubText(hinted.hint, values) });
    if (typeof current.stack === 'string') current.stack = scrubText(current.stack, values);
    current = (current as { cause?: unknown }).cause;
  }
  return error;
}
