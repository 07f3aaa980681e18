import { describe, expect, it } from 'vitest';
import { scanChunk, type RuleSpec } from '../../src/engine/index.js';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { sectionBody, sectionHeader } from '../../src/engine/vendor-sections.js';
import { compileJs } from '../helpers/rules.js';
import { randomBase62 } from '../helpers/tokens.js';

const builtin = loadRuleFiles().map(({ spec }) => spec);
const vendorRule = builtin.find((spec) => spec.id === 'generic-vendor-key') as RuleSpec;
const detectorOnly = compileJs(vendorRule);
const { scope: _scope, ...wholeTextSpec } = vendorRule;
const detectorWholeText = compileJs(wholeTextSpec);

function vendorKey(): string {
  for (;;) {
    const value = randomBase62(28);
    if (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return value;
  }
}

const found = (text: string, ruleSet = detectorOnly) =>
  scanChunk({ text, origin: { path: 'config/app.yml' } }, ruleSet).map((f) => ({
    line: f.line,
    secret: f.secret,
    confidence: f.confidence,
  }));

describe('vendor sections (a vendor named on a parent line)', () => {
  it.each([
    ['YAML', 'stripe:\n  currency: eur\n  secret: %s\n', 3],
    ['YAML, quoted and nested', 'services:\n  payments:\n    sendgrid:\n      enabled: true\n      api_key: "%s"\n', 5],
    ['YAML list item', 'providers:\n  - mailgun:\n      key: %s\n', 3],
    ['INI', '[mailgun]\ndomain = mg.acme-corp.net\nkey = %s\n', 3],
    ['TOML dotted', '[services.coinapi]\nurl = "https://rest.coinapi.io"\nkey = "%s"\n', 3],
    ['JSON', '{\n  "hubspot": {\n    "portalId": 21880331,\n    "key": "%s"\n  }\n}\n', 4],
    ['HCL', 'provider "mailgun" {\n  region  = "eu"\n  api_key = "%s"\n}\n', 3],
  ])('finds a key in a %s section the vendor names', (_shape, template, line) => {
    const key = vendorKey();
    const text = template.replace('%s', key);
    expect(found(text)).toEqual([{ line, secret: key, confidence: 'medium' }]);
    expect(found(text, detectorWholeText)).toEqual(found(text));
  });

  it('reads a hex secret in a vendor section as a key (a Twilio auth token)', () => {
    const hex = 'f3a9c27e5b0d48e1a6c93f7d2b8e4a51';
    expect(found(`twilio:\n  account_sid: AC${'0'.repeat(32)}\n  auth_token: ${hex}\n`).map((f) => f.secret)).toEqual([hex]);
  });

  it.each([
    ['a public key and an id', 'stripe:\n  publishable_key: %s\n  price_id: %s\n'],
    ['a key after the section ends', 'mailgun:\n  domain: mg.acme-corp.net\nsettings:\n  key: %s\n'],
    ['a key in the next INI section', '[mailgun]\ndomain = mg.acme-corp.net\n[cache]\nkey = %s\n'],
    ['a name that is not a key word', 'stripe:\n  webhook_url: %s\n'],
    ['a placeholder', 'stripe:\n  secret: ${STRIPE_SECRET}\n  key: changeme-changeme-changeme\n'],
    ['a section that is not a vendor', 'database:\n  key: %s\n'],
    ['a key word after other words on its line', 'stripe:\n  note: the key %s\n'],
  ])('reports nothing for %s', (_case, template) => {
    expect(found(template.replaceAll('%s', vendorKey()))).toEqual([]);
  });

  it('knows headers and where their sections end', () => {
    expect(sectionHeader('  stripe:  # payments')).toMatchObject({ name: 'stripe', kind: 'indent', indent: 2 });
    expect(sectionHeader('[services.coinapi]')).toMatchObject({ name: 'services.coinapi', kind: 'bracket' });
    expect(sectionHeader('"hubspot": {')).toMatchObject({ name: 'hubspot' });
    expect(sectionHeader('stripe: sk_live_x')).toBeUndefined();
    const text = 'stripe:\n  a: 1\n\n  # note\n  b: 2\nnext: 3\n';
    const body = [...sectionBody(text, text.indexOf('\n'), sectionHeader('stripe:')!)].map(([s, e]) => text.slice(s, e));
    expect(body).toEqual(['  a: 1', '  b: 2']);
  });
});

describe('name / value pairs whose name names a vendor key', () => {
  it.each([
    ['name first', '      env:\n        - name: STRIPE_KEY\n          value: "%s"\n', 3],
    ['value first', '      env:\n        - value: info\n          name: LOG_LEVEL\n        - value: %s\n          name: STRIPE_KEY\n', 4],
    ['JSON, value first', '{\n  "value": "%s",\n  "name": "MAILGUN_API_KEY"\n}\n', 2],
  ])('finds the value of a %s pair', (_order, template, line) => {
    const key = vendorKey();
    const text = template.replace('%s', key);
    expect(found(text)).toEqual([{ line, secret: key, confidence: 'medium' }]);
    expect(found(text, detectorWholeText)).toEqual(found(text));
  });

  it.each([
    [
      'a value that belongs to the entry before',
      'env:\n  - name: LOG_LEVEL\n    value: %s\n  - name: STRIPE_KEY\n    valueFrom: {secretKeyRef: {name: stripe, key: key}}\n',
    ],
    ['a vendor name that is not a key', 'env:\n  - name: STRIPE_ACCOUNT_COUNTRY\n    value: %s\n'],
  ])('reports nothing for %s', (_case, template) => {
    expect(found(template.replaceAll('%s', vendorKey()))).toEqual([]);
  });
});
