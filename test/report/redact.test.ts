import { describe, expect, it } from 'vitest';
import { maskedSnippet, redact, secretScrubber, snippetMasker } from '../../src/report/index.js';
import { checksumToken, githubToken, randomBase62 } from '../helpers/tokens.js';

describe('redact: recognisable, never guessable', () => {
  it('keeps a Slack webhook recognisable and drops its team, channel and secret ids', () => {
    const team = `T${randomBase62(10).toUpperCase()}`;
    const channel = `B${randomBase62(10).toUpperCase()}`;
    const secret = randomBase62(24);
    const shown = redact(`https://hooks.slack.com/services/${team}/${channel}/${secret}`);
    expect(shown).toBe('https://hooks.slack.com/services/T…/B…/…');
    for (const part of [team.slice(1), channel.slice(1), secret]) expect(shown).not.toContain(part);
  });

  it('shows the header of a private key and nothing of its body', () => {
    const body = Array.from({ length: 4 }, () => randomBase62(64)).join('\n');
    const shown = redact(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`);
    expect(shown).toBe('-----BEGIN RSA PRIVATE KEY----- …');
  });

  it('keeps scheme, user, host and database of a connection URL, never the password', () => {
    const password = randomBase62(18);
    expect(redact(`postgres://app:${password}@db.internal:5432/shop?sslmode=require`)).toBe(
      'postgres://app:…@db.internal:5432/shop?sslmode=…',
    );
    const token = githubToken();
    expect(redact(`https://${token}@github.com/acme/tool.git`)).toBe('https://…@github.com/acme/tool.git');
  });

  it('masks the path ids and query values of a URL that carries its secret there', () => {
    const id = String(Date.now()).padEnd(18, '7');
    const secret = randomBase62(64);
    expect(redact(`https://discord.com/api/webhooks/${id}/${secret}`)).toBe(
      'https://discord.com/api/webhooks/1…/…'.replace('1…', `${id[0]}…`),
    );
    expect(redact(`https://example.test/hook?token=${secret}`)).toBe('https://example.test/…?token=…');
  });

  it("shows a long token's prefix and last 2 characters, and nothing of a password-length value", () => {
    const token = githubToken();
    expect(redact(token)).toBe(`${token.slice(0, 4)}…${token.slice(-2)}`);
    const password = randomBase62(14);
    expect(redact(password)).toBe('…');
    expect(redact(randomBase62(19))).toBe('…');
  });
});

describe('maskedSnippet: every secret on the line', () => {
  it('masks the other secrets of the line, reported or not, and keeps the rest of the line', () => {
    const first = githubToken();
    const second = checksumToken('gho_');
    const text = `const a = "${first}", b = "${second}"; // two tokens\n`;
    const spanOf = (secret: string) => ({ start: text.indexOf(secret), end: text.indexOf(secret) + secret.length, secret });
    const snippet = maskedSnippet(text, spanOf(first), [spanOf(first), spanOf(second)]);
    expect(snippet).toBe(`const a = "${redact(first)}", b = "${redact(second)}"; // two tokens`);
    const fromSecond = maskedSnippet(text, spanOf(second), [spanOf(first), spanOf(second)]);
    expect(fromSecond).not.toContain(first);
    expect(fromSecond).not.toContain(second);
  });

  it('masks another occurrence of a found value that the engine did not report there', () => {
    const token = githubToken();
    const text = `x=${token} # copy of ${token}\n`;
    const span = { start: 2, end: 2 + token.length, secret: token };
    expect(maskedSnippet(text, span, [span])).toBe(`x=${redact(token)} # copy of ${redact(token)}`);
  });

  it('masks a secret that starts before the shown window, and each finding of a many-finding text on its own line', () => {
    const long = randomBase62(400);
    const token = githubToken();
    const text = `${long} ${token}\n`;
    const spans = [
      { start: 0, end: long.length, secret: long },
      { start: long.length + 1, end: long.length + 1 + token.length, secret: token },
    ];
    const snippet = maskedSnippet(text, spans[1]!, spans);
    expect(snippet).not.toContain(long.slice(-20));
    expect(snippet).not.toContain(token);
    const many = Array.from({ length: 2_000 }, () => githubToken());
    const big = many.join('\n');
    let at = 0;
    const found = many.map((secret) => {
      const span = { start: at, end: at + secret.length, secret };
      at += secret.length + 1;
      return span;
    });
    const mask = snippetMasker(big, found);
    expect(found.every((span) => mask(span) === redact(span.secret))).toBe(true);
  });
});

describe('secretScrubber', () => {
  it('replaces every found secret in free text by its redacted form', () => {
    const a = githubToken();
    const b = checksumToken('gho_');
    const scrub = secretScrubber([a, b]);
    expect(scrub(`rotate ${a} and ${b}`)).toBe(`rotate ${redact(a)} and ${redact(b)}`);
    expect(scrub('nothing here')).toBe('nothing here');
  });
});
