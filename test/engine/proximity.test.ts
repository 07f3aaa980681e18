import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { mayOpenStructure, valueRuns, vendorProximityMatcher } from '../../src/engine/proximity.js';
import { compileJs, testRule } from '../helpers/rules.js';
import { randomBase62 } from '../helpers/tokens.js';

const builtin = loadRuleFiles().map(({ spec }) => spec);
const vendorRule = builtin.find((spec) => spec.id === 'generic-vendor-key') as RuleSpec;
const everyRule = compileJs(...builtin);
const detectorOnly = compileJs(vendorRule);
const scan = (text: string, ruleSet = everyRule, path = 'config/app.txt') => scanChunk({ text, origin: { path } }, ruleSet);

/** An opaque vendor key: mixed case and digits, as SaaS dashboards issue them. */
function vendorKey(length = 28): string {
  for (;;) {
    const value = randomBase62(length);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

const proximity = (text: string, ruleSet = everyRule) => scan(text, ruleSet).filter((f) => f.ruleId === 'generic-vendor-key');

describe('vendor-keyword proximity detector', () => {
  it.each([
    ['[DEBUG] Using adzuna KEY=%s', 'low'],
    ['coinapi_key: "%s"', 'medium'],
    ['  "fmfw_key": "%s",', 'medium'],
    ["iexapis key = '%s'", 'low'],
    ["hubspot token - '%s'", 'low'],
    ['const hs = new HubSpotAPI("%s");', 'low'],
    ["define('ADZUNA_APP_KEY', '%s');", 'medium'],
    ["client = TiingoClient({'api_key': '%s', 'session': True})", 'low'],
    ['Ipstack.api_key = "%s"', 'medium'],
    ['2026-03-02T10:00:01Z INFO calling bitfinex with token=%s', 'low'],
    ['const url = `https://api.currencylayer.com/live?access_key=%s&format=1`;', 'low'],
    ['adzuna_id: "%s"', 'low'],
    ['You can find a fmfw secret %s within fmfw', 'low'],
    ['  <secret>{adzuna AQAAABAAA %s}</secret>', 'low'],
  ])('finds %s at %s confidence, with the value as the secret', (template, confidence) => {
    const key = vendorKey();
    const text = template.replace('%s', key);
    const found = proximity(text, detectorOnly);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ secret: key, confidence });
    const withEveryRule = scan(text);
    expect(withEveryRule, 'with every rule loaded: reported once, by this rule or a more specific one').toHaveLength(1);
    expect(withEveryRule[0]?.secret).toContain(key);
  });

  it.each([
    ['a version', 'adzuna_version: "2.14.0-beta.20240101"'],
    ['a numeric id', 'HUBSPOT_PORTAL_ID=21880331'],
    ['a URL', 'coinapi_url: "https://rest.coinapi.io/v1/exchangerate/BTC/USD"'],
    ['a boolean', 'finnhub_enabled: true'],
    ['a reference', '"iexapis_key": "${IEX_KEY}"'],
    ['a customer id', 'stripe_customer_id: "cus_Nf8sK2pQ7vXw3LmZ"'],
    ['an index name', 'algolia_index_key = "products_by_price_desc"'],
    ['a public key', 'mapbox_public_key: "pk_R8kq2LmZ7vXw3NbT9cYd"'],
    ['a PostHog project key (public by design)', 'POSTHOG_KEY=phc_4Flt4TYLKPFqKk22ZsezF24w1xLWTeIp'],
    ['a variable passed to a client', 'const hs = new HubSpotAPI(process.env.HUBSPOT_KEY);'],
    ['a SHA-1 named as an id', 'coinapi commit id: "9fceb02d0ae598e95dc970b74767f19372d61af8"'],
    ['a UUID', `heroku app id: ${randomUUID()}`],
    ['a key word far from any vendor', `session key = "${randomBase62(28)}1aA"`],
    ['a vendor name with a key word that is not the name', `adzuna_key_name: "${randomBase62(28)}1aA"`],
    ['fake runs', 'ADZUNA_KEY=abcdef123456abcdef123456'],
  ])('ignores %s', (_what, text) => {
    expect(proximity(text)).toEqual([]);
  });

  it('yields to another rule on the same value: a guess never doubles a finding', () => {
    const key = vendorKey();
    const found = scan(`ADZUNA_API_KEY=${key}`);
    expect(found.map((f) => f.ruleId)).toEqual(['generic-api-key']);
    expect(proximity(`ADZUNA_API_KEY=${key}`, detectorOnly)).toHaveLength(1);
  });

  it('learns vendor names from the other rules (provider ids and rule id prefixes)', () => {
    const acme = testRule({ id: 'zyxcorp-api-token', keywords: ['zyx_'], pattern: 'zyx_[a-z]{20}', provider: 'zyxcorp' });
    const key = vendorKey();
    expect(proximity(`zyxcorp_key = "${key}"`, detectorOnly)).toEqual([]);
    expect(proximity(`zyxcorp_key = "${key}"`, compileJs(vendorRule, acme))).toMatchObject([{ secret: key, confidence: 'medium' }]);
  });

  it('finds the same on a long file as line by line (one pass per keyword line)', () => {
    const keys = [vendorKey(), vendorKey(), vendorKey()];
    const filler = Array.from({ length: 2000 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    const text = `${filler}\ncoinapi_key: "${keys[0]}"\n${filler}\nhubspot token - '${keys[1]}'\n${filler}\nMAILGUN_KEY=${keys[2]}\n`;
    expect(proximity(text).map((f) => f.secret)).toEqual(keys);
  });
});

describe('valueRuns', () => {
  it('finds exactly the runs of /[A-Za-z0-9_\\-+/.~]{16,}={0,2}/g, on random lines of short and long runs', () => {
    const pieces = ['a', 'Z9', '_-+/.~', '=', '==', '===', ' ', '"', ':', 'é', 'abcdefghijklmno', 'abcdefghijklmnop', 'x'.repeat(40)];
    let found = 0;
    for (let round = 0; round < 500; round++) {
      const line = [...randomBytes(10 + (round % 30))].map((byte) => pieces[byte % pieces.length]).join('');
      const expected = [...line.matchAll(/[A-Za-z0-9_\-+/.~]{16,}={0,2}/g)].map((m) => [m.index, m.index + m[0].length]);
      expect([...valueRuns(line)], line).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(300);
  });
});

describe('mayOpenStructure', () => {
  const OPENS = /[:{\]][ \t]*\r?$|:[ \t]+[#&]|^[ \t]*(?:-[ \t]+)?"?name"?[ \t]*:/i;

  it('answers as the RegExp it replaces, on a line within a text', () => {
    const pieces = [':', '{', ']', ' ', '\t', '\r', '#', '&', '-', '"', 'name', 'NaMe', 'nam', 'x', 'value', '[', '}'];
    let opened = 0;
    for (let round = 0; round < 3000; round++) {
      const line = [...randomBytes(round % 12)].map((byte) => pieces[byte % pieces.length]).join('');
      const text = `before: x\n${line}\nafter {`;
      const start = 'before: x\n'.length;
      expect(mayOpenStructure(text, start, start + line.length), JSON.stringify(line)).toBe(OPENS.test(line));
      if (OPENS.test(line)) opened += 1;
    }
    expect(opened).toBeGreaterThan(500);
  });
});

describe('vendor lines', () => {
  it('finds the same matches through matchesAt as through a run over every line, on lines with and without values or structure', () => {
    const matcher = vendorProximityMatcher(['hubspot', 'mailgun', 'stripe']);
    const lines = [
      `hubspot_key = "${vendorKey()}"`,
      'const hubspotClient = getSymbol(x);',
      'stripe:',
      `  secret: ${vendorKey()}`,
      '- name: MAILGUN_API_KEY',
      `  value: "${vendorKey()}"`,
      `mailgun ${'x'.repeat(5000)} key "${vendorKey()}"`,
      `  "hubspot" : ${'short'}`,
      `[DEBUG] Using hubspot KEY=${vendorKey()}`,
    ];
    const text = lines.join('\n');
    const offsets = [...text.matchAll(/hubspot|mailgun|stripe/gi)].map((m) => m.index);
    const all = [...matcher.matches(text)];
    expect([...(matcher.matchesAt?.(text, offsets) ?? [])]).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(4);
  });
});
