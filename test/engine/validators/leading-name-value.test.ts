import { describe, expect, it } from 'vitest';
import { strongPassword } from '../../helpers/tokens.js';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../../src/engine/index.js';
import { isPlaceholder } from '../../../src/engine/placeholder.js';
import { leadingNameValue } from '../../../src/engine/validators/leading-name.js';
import { looksLikeLiteralSecret } from '../../../src/engine/validators/literal-secret.js';
import { looksLikePassword } from '../../../src/engine/validators/password-assignment.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const scan = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet);

describe('leading-name-value', () => {
  it('judges the value by the name that opens the match', () => {
    expect(leadingNameValue({ secret: 'q8#Vx2!mTz9$Lr4p', match: 'password: |\n    q8#Vx2!mTz9$Lr4p' })).toBe('none');
    expect(leadingNameValue({ secret: 'q8#Vx2!mTz9$Lr4p', match: '\\"password\\":\\"q8#Vx2!mTz9$Lr4p' })).toBe('none');
    expect(leadingNameValue({ secret: 'Wq8zN3kTv6LmR2xPc9HbJ5sD', match: 'mailgun.api.key">Wq8zN3kTv6LmR2xPc9HbJ5sD' })).toBe('none');
    expect(leadingNameValue({ secret: 'Wq8zN3kTv6LmR2xPc9HbJ5sD', match: 'token_description: |\n  Wq8zN3kTv6LmR2xPc9HbJ5sD' })).toBe(
      'invalid',
    );
    expect(leadingNameValue({ secret: 'CvN*4G5x', match: 'api_key: >\n  CvN*4G5x' }), 'a key name needs 12 characters').toBe('invalid');
  });
});

describe('a password that starts with % is not a template', () => {
  it('keeps %VAR%, %(name)s and %{var} as templates, not % and a random tail', () => {
    for (const template of ['%DB_PASSWORD%', '%(db_password)s', '%{db_password}', '%s'])
      expect(isPlaceholder(template), template).toBe(true);
    expect(isPlaceholder('%M0BPGRJjy1h9OpOLtM_L')).toBe(false);
    expect(looksLikePassword('%M0BPGRJjy1h9OpOLtM_L')).toBe(true);
    expect(looksLikePassword('%%cBZ2Sb_4Ajp8GvZ57ZN')).toBe(true);
  });

  it('finds `value: %…` in a Kubernetes env entry', () => {
    const text = `env:\n  - name: DB_PASSWORD\n    value: %${strongPassword(18)}\n`;
    expect(scan(text, 'k8s/api.yaml').map((f) => f.line)).toContain(3);
  });
});

describe('a mixed-case password with a dot is not a host name', () => {
  it('tells random mixed case from host names', () => {
    expect(looksLikeLiteralSecret('TOrTcpl1TZ6b-9E.XMfh')).toBe(true);
    for (const host of ['db01.corp.internal', 'SQL01.CORP.NET', 'Server01.Contoso.com'])
      expect(looksLikeLiteralSecret(host), host).toBe(false);
  });
});

/** [shape, path, template]: `$` is a fresh password. Each was missed before detection round 4. */
const LAYOUTS: [string, string, string][] = [
  ['YAML block scalar', 'config/secrets.yml', 'database:\n  user: app\n  password: |\n    $\n  pool: 5\n'],
  ['YAML folded block, strip', 'k8s/secret.yaml', 'stringData:\n  DB_PASSWORD: >-\n    $\n'],
  ['Hiera key', 'hieradata/common.yaml', "profile::db::user: 'app'\nprofile::db::password: '$'\n"],
  ['XML properties entry', 'config/db.xml', '<properties>\n  <entry key="db.password">$</entry>\n</properties>\n'],
  ['.pgpass line', '.pgpass', 'db.internal:5432:ledger:app:$\n'],
  ['password== in .properties', 'app.properties', 'spring.datasource.password==$\n'],
  ['Dockerfile ENV NAME value', 'Dockerfile', 'FROM alpine\nENV DB_PASSWORD $\n'],
  ['Gradle storePassword', 'app/build.gradle', "signingConfigs {\n  release {\n    storePassword '$'\n  }\n}\n"],
  ['escaped JSON in a log', 'logs/app.log', 'INFO body={\\"user\\":\\"svc\\",\\"password\\":\\"$\\"}\n'],
  ['keytool -storepass', 'scripts/tls.sh', 'keytool -list -keystore app.jks -storepass "$"\n'],
  ['net user', 'setup.bat', 'net user svc_backup "$" /add\n'],
  ['Go DSN', 'src/db.go', 'db, _ := sql.Open("mysql", "app:$@tcp(db.internal:3306)/app")\n'],
];

describe('layouts the generic rules do not read', () => {
  it.each(LAYOUTS)('%s (%s)', (_shape, path, template) => {
    let secret = strongPassword(16);
    // Quotes, backslashes, `@`, `:`, `*` and `%` are separators or prompts in some of these layouts.
    while (/[@:"'\\*%]/.test(secret)) secret = strongPassword(16);
    const text = template.replace('$', secret);
    const line = text.split('\n').findIndex((l) => l.includes(secret)) + 1;
    expect(
      scan(text, path)
        .filter((f) => f.secret.endsWith(secret))
        .map((f) => f.line),
    ).toContain(line);
  });
});

describe('a password that starts with = in a shell or batch line', () => {
  it('reads the name after `export` or `set`, and the value after the first `=`', () => {
    const password = `=${strongPassword(19)}`;
    const script = `#!/bin/sh\nexport MYSQLPASS=${password}\nmysqldump -u backup -p"$MYSQLPASS" shop\n`;
    const found = scan(script, 'scripts/backup.sh');
    expect(found.map((f) => [f.ruleId, f.line, f.secret])).toEqual([['layout-properties-equals-password', 2, password]]);
    expect(scan(`set DB_PASSWORD=${password}\r\n`, 'deploy.bat').map((f) => f.secret)).toEqual([password]);
  });

  it('still takes `export` alone as no secret name, and keeps comparisons out', () => {
    expect(leadingNameValue({ secret: '=q8#Vx2!mTz9$Lr4p', match: 'export ==q8#Vx2!mTz9$Lr4p' })).toBe('invalid');
    expect(scan('if [ "$PASS" == "$CONFIRM" ]; then exit 1; fi\n', 'check.sh')).toEqual([]);
    expect(scan('export PASSWORD==${DB_PASSWORD}\n', 'env.sh')).toEqual([]);
  });
});
