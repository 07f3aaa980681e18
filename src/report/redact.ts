import { redactPem, redactUrl } from './redact-shapes.js';

/** Characters a plain secret must have before any of it is shown: below that, only `…`. */
const SHOW_ENDS_FROM = 20;

/**
 * A secret shown safely, recognisable but not guessable: a URL keeps its scheme, host, user
 * and plain path words (`postgres://app:…@db.internal/shop`,
 * `https://hooks.slack.com/services/T…/B…/…`), a PEM block its header line
 * (`-----BEGIN RSA PRIVATE KEY----- …`); any other value shows at most its first 4 and last 2
 * characters, and nothing when it is shorter than 20 characters (a password).
 */
export function redact(secret: string): string {
  const value = secret.trim();
  return redactPem(value) ?? redactUrl(value) ?? redactPlain(value.split('\n')[0] ?? value);
}

function redactPlain(value: string): string {
  const line = value.trim();
  return line.length >= SHOW_ENDS_FROM ? `${line.slice(0, 4)}…${line.slice(-2)}` : '…';
}

const SCRUB_MIN = 6;

/**
 * A function that replaces every occurrence of the given secrets (each line of a multi-line
 * one) in a free text by their redacted form: for commit subjects, notes and snippets that may
 * hold a secret found elsewhere. Linear in the text: candidates are looked up by their first
 * characters, so thousands of secrets cost no more than a few.
 */
export function secretScrubber(secrets: Iterable<string>): (text: string) => string {
  // Labels are made when a secret is met: most texts scrubbed hold none of the secrets.
  const byPrefix = new Map<string, { needle: string; secret: string; label?: string }[]>();
  // First characters of the needles: a position starting with none of them is passed at once.
  const firsts = new Uint8Array(0x10000);
  for (const secret of secrets) {
    for (const line of secret.split('\n')) {
      const needle = line.trim();
      if (needle.length < SCRUB_MIN) continue;
      const key = needle.slice(0, SCRUB_MIN);
      const list = byPrefix.get(key) ?? [];
      list.push({ needle, secret });
      byPrefix.set(key, list);
      firsts[needle.charCodeAt(0)] = 1;
    }
  }
  for (const list of byPrefix.values()) list.sort((a, b) => b.needle.length - a.needle.length);
  if (byPrefix.size === 0) return (text) => text;
  return (text) => {
    let out = '';
    let copied = 0;
    for (let at = 0; at + SCRUB_MIN <= text.length;) {
      const hit =
        firsts[text.charCodeAt(at)] === 1
          ? byPrefix.get(text.slice(at, at + SCRUB_MIN))?.find(({ needle }) => text.startsWith(needle, at))
          : undefined;
      if (!hit) {
        at += 1;
        continue;
      }
      hit.label ??= redact(hit.secret);
      out += text.slice(copied, at) + hit.label;
      at += hit.needle.length;
      copied = at;
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
}
