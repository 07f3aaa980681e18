import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../src/engine/index.js';
import { isPlaceholder } from '../../src/engine/placeholder.js';
import { looksLikeLiteralSecret } from '../../src/engine/validators/literal-secret.js';

// Shapes that random passwords and keys take by chance now and then, and that once read as
// placeholders or references: each made a secret of the accuracy corpus go unfound in some runs.

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const scan = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet);

/** A real RSA key whose body holds `XXxx` in its middle, as random base64 does now and then (about one 2048-bit key in 700). */
function keyWithXs(): string {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const lines = pem.split('\n');
  const middle = lines[10] as string;
  lines[10] = `${middle.slice(0, 20)}XXxx${middle.slice(24)}`;
  return lines.join('\n');
}

describe('runs of x', () => {
  it('stand for a value in placeholders, short or long', () => {
    for (const value of [
      'xxxx',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'AKIAXXXXXXXXXXXXXXXX',
      'sk_live_xXxXxX',
      `eyJ${'a'.repeat(2)}.${'x'.repeat(80)}`,
    ])
      expect(isPlaceholder(value), value).toBe(true);
  });

  it('do not make a placeholder of random base64 that holds four of them', () => {
    const key = keyWithXs();
    expect(isPlaceholder(key)).toBe(false);
    expect(isPlaceholder('kR8vXq2mP9wLz4TbN7XXXXQ3')).toBe(true);
    expect(isPlaceholder('kR8vXq2mP9wLz4TbN7XXxxQ3')).toBe(false);
    const found = scan(key, 'deploy/id_rsa');
    expect(found.map((f) => f.ruleId)).toEqual(['rsa-private-key']);
    const account = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'ml-prod-4411',
        private_key_id: 'a'.repeat(8),
        private_key: key,
        client_email: 'x@y.iam.gserviceaccount.com',
      },
      null,
      2,
    );
    expect(scan(account, 'secrets/gcp-sa.json').map((f) => f.ruleId)).toContain('gcp-service-account-key');
  });
});

describe('stars', () => {
  it('mask a value when four are in a row, three stand at an end, or the value is short', () => {
    for (const value of ['********', '***', 'sk_live_***', '***-prod-key', 'ab***yz', 'hunter***'])
      expect(isPlaceholder(value), value).toBe(true);
  });

  it('are part of a long password that holds three in its middle', () => {
    expect(isPlaceholder('8^V93n***U%6w4')).toBe(false);
    expect(scan('staging box, ask ops before rebooting\nID:master PW:8^V93n***U%6w4\n', 'notes/servers.txt').map((f) => f.line)).toEqual([
      2,
    ]);
  });
});

describe('a leading %', () => {
  it('is a reference as %VAR%, %(name)s, %{name} or a lone specifier, not before random characters', () => {
    for (const value of ['%APPDATA%\\deploy.key', '%(db_password)s', '%{db_password}', '%h/.ssh/id_ed25519', '%s:%s@db.internal'])
      expect(looksLikeLiteralSecret(value), value).toBe(false);
    for (const value of ['%TW^-fDyy_8V=J', '%K-X3Y6FA9Q+d9o', '%I!4YKlip*jqiGZ', '%D62Ap%c~vTM00i'])
      expect(looksLikeLiteralSecret(value), value).toBe(true);
  });

  it('starts a password in Terraform, sssd and redis configs', () => {
    const terraform = 'variable "admin_password" {\n  type    = string\n  default = "%TW^-fDyy_8V=J"\n}\n';
    expect(scan(terraform, 'infra/main.tf').map((f) => f.line)).toEqual([3]);
    expect(scan('[domain/acme]\nldap_default_authtok = %8Y00aIz8x6*IO\n', 'sssd.conf').map((f) => f.line)).toEqual([2]);
    expect(scan('bind 127.0.0.1\nrequirepass %Tq8#vXz2mP9wLz4\n', 'redis.conf').map((f) => f.line)).toEqual([2]);
    expect(scan('requirepass %REDIS_PASSWORD%\n', 'redis.conf')).toEqual([]);
  });
});

describe('a leading ^, two stars, a leading @ or ?', () => {
  it('reads a password that starts with ^ as one, a ^…$ or ^[… value as a regular expression', () => {
    expect(looksLikeLiteralSecret('^9Jjkr=zH#0C&i')).toBe(true);
    for (const value of ['^[a-z0-9]{8,}$', '^(?:dev|prod)-[0-9]+', '^\\d{4}-\\d{2}$'])
      expect(looksLikeLiteralSecret(value), value).toBe(false);
    expect(scan('variable "admin_password" {\n  default = "^9Jjkr=zH#0C&i"\n}\n', 'infra/main.tf').map((f) => f.line)).toEqual([2]);
  });

  it('finds a piped password that ends with two stars, not one of stars alone', () => {
    expect(scan("echo 'vH5*EMfCwG-Sq^!=zG**' | sudo -S apt-get install -y nginx\n", 'scripts/apt.sh').map((f) => f.line)).toEqual([1]);
    expect(scan("echo '********' | sudo -S apt-get install -y nginx\n", 'scripts/apt.sh')).toEqual([]);
  });

  it('finds SQL passwords that start with @ or ?, not bind parameters', () => {
    expect(scan("SET PASSWORD FOR 'report'@'%' = '@_h5DgXVOA&6*P';\n", 'db/rotate.sql').map((f) => f.line)).toEqual([1]);
    expect(scan("CREATE USER 'etl'@'%' IDENTIFIED BY '?Kq8#vXz2mP9wLz4';\n", 'db/users.sql').map((f) => f.line)).toEqual([1]);
    expect(scan("SET PASSWORD FOR 'report'@'%' = '%hyWi%TxIY=v1%';\n", 'db/rotate.sql').map((f) => f.line)).toEqual([1]);
    for (const parameter of ['@new_password', ':password', '$1x', '%(password)s', '%DB_PASSWORD%'])
      expect(scan(`SET PASSWORD FOR 'report'@'%' = '${parameter}';\n`, 'db/rotate.sql'), parameter).toEqual([]);
  });

  it('finds an XML element whose password starts with @, not a URL placeholder before a host', () => {
    expect(
      scan('<configuration>\n  <dbPassword>@41m3zu*P%8h31DpTT9y</dbPassword>\n</configuration>\n', 'config/web.xml').map((f) => f.line),
    ).toEqual([2]);
    expect(scan('DATABASE_URL=postgres://app:<password>@db.internal:5432/app\n', '.env')).toEqual([]);
  });
});
