import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../../src/engine/index.js';
import { findValidator } from '../../../src/engine/validators/index.js';

const validate = (secret: string) => findValidator('pem-private-key-block-decorated')!({ secret, match: secret, path: 'key.txt' });
const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const scan = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet);

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
const pkcs8 = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const lines = (pem: string) => pem.trimEnd().split('\n');

/** Each decoration of issue 12 item 7, applied to a fresh key: [shape, path, text]. */
const DECORATED: [string, string, () => string][] = [
  [
    'Java string concatenation',
    'src/Keys.java',
    () =>
      `String key = ${lines(rsa())
        .map((l) => `"${l}\\n"`)
        .join(' +\n    ')};\n`,
  ],
  [
    'JavaScript concatenation with a trailing empty string',
    'src/keys.js',
    () =>
      `const key =\n${lines(ec())
        .map((l) => `  '${l}\\n' +`)
        .join('\n')}\n  '';\n`,
  ],
  [
    'log timestamps',
    'ci/job.log',
    () =>
      `${lines(rsa())
        .map((l, i) => `2026-04-26 12:36:${String(i % 60).padStart(2, '0')} ${l}`)
        .join('\n')}\n`,
  ],
  [
    'docker build output',
    'ci/build.log',
    () =>
      `${lines(pkcs8())
        .map((l, i) => `#6 ${(0.245 + i / 1000).toFixed(3)} ${l}`)
        .join('\n')}\n`,
  ],
  [
    'a block comment',
    'src/x.c',
    () =>
      `/*\n${lines(ec())
        .map((l) => ` * ${l}`)
        .join('\n')}\n */\n`,
  ],
  [
    'hash comments',
    'deploy.sh',
    () =>
      `${lines(rsa())
        .map((l) => `# ${l}`)
        .join('\n')}\n`,
  ],
  [
    'line comments',
    'src/x.go',
    () =>
      `${lines(ec())
        .map((l) => `// ${l}`)
        .join('\n')}\n`,
  ],
  ['\\n escapes on one log line', 'app.log', () => `2026-04-26 12:36:01 DEBUG key=${JSON.stringify(rsa()).slice(1, -1)} loaded\n`],
];

describe('pem-private-key-block-decorated', () => {
  it('accepts a plain key, as pem-private-key-block does', () => {
    expect(validate(ec())).toBe('structure-valid');
  });

  it.each(DECORATED)('reports a key decorated by %s once', (_shape, path, make) => {
    const found = scan(make(), path).filter((f) => f.ruleId.endsWith('private-key'));
    expect(found).toHaveLength(1);
    expect(found[0]!.secret).toContain('-----BEGIN');
  });

  it('keeps a trailing + or / of a base64 line (not a concatenation operator)', () => {
    for (let i = 0; i < 20; i++) {
      const key = rsa();
      if (
        !lines(key)
          .slice(1, -1)
          .some((l) => /[+/]$/.test(l))
      )
        continue;
      expect(
        validate(
          lines(key)
            .map((l) => `# ${l}`)
            .join('\n'),
        ),
      ).toBe('structure-valid');
      return;
    }
  });

  it('rejects a decorated key with one body character changed, and a decorated public key', () => {
    const decorated = lines(ec()).map((l) => ` * ${l}`);
    const body = decorated[1] as string; // ` * MHcC…`: change the DER header, as pem-private-key-block's test does
    decorated[1] = `${body.slice(0, 4)}${body[4] === 'A' ? 'B' : 'A'}${body.slice(5)}`;
    expect(validate(decorated.join('\n').slice(3))).toBe('invalid');
    const publicKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(
      scan(
        lines(publicKey)
          .map((l) => `2026-04-26 12:36:01 ${l}`)
          .join('\n'),
        'ci/job.log',
      ),
    ).toEqual([]);
  });

  it('stays quiet on a truncated key in a comment and on concatenated armor lines around a variable', () => {
    expect(
      scan('/*\n * -----BEGIN RSA PRIVATE KEY-----\n * MIIEowIBAAKCAQEA...\n * -----END RSA PRIVATE KEY-----\n */\n', 'src/x.c'),
    ).toEqual([]);
    expect(
      scan('String pem = "-----BEGIN RSA PRIVATE KEY-----\\n" +\n    body +\n    "-----END RSA PRIVATE KEY-----\\n";\n', 'src/Pem.java'),
    ).toEqual([]);
  });
});
