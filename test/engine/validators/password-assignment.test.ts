import { describe, expect, it } from 'vitest';
import { strongPassword } from '../../helpers/tokens.js';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../../src/engine/index.js';
import { isPasswordName, looksLikeShortPassword } from '../../../src/engine/validators/password-assignment.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const scan = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet);

/** [shape, path, template]: `$` is a fresh password. Each was missed before issue 12 item 2. */
const NOTATIONS: [string, string, string][] = [
  ['password:value without a space', 'config/db.yml', 'database:\n  password:$\n'],
  ['ID:master PW:… in notes', 'notes/servers.txt', 'staging\nID:master PW:$\n'],
  ['user:x,pwd:… in prose', 'docs/handover.md', 'Connect with user:report,pwd:$ from the bastion.\n'],
  ['MYSQLPASS', 'scripts/backup.sh', 'export MYSQLPASS=$\n'],
  ['pswd in INI', 'config/mail.ini', '[smtp]\npswd = $\n'],
  ['PW in Python', 'tools/sync.py', 'PW = "$"\n'],
  ['-pwd:… switch', 'deploy/publish.cmd', 'msdeploy.exe -verb:sync -user:deploy -pwd:$\n'],
  ['#define PASSWORD', 'firmware/config.h', '#define WIFI_PASSWORD "$"\n'],
  ['Kubernetes env pair', 'k8s/deploy.yaml', 'env:\n  - name: DB_PASSWORD\n    value: "$"\n'],
  ['ECS environment entry', 'ecs/task.json', '{"environment": [{"name": "SMTP_PASS", "value": "$"}]}\n'],
  ['a sentence', 'docs/runbook.md', 'The staging admin password is $ until the rotation on Friday.\n'],
  ['a setter', 'src/main/java/Db.java', 'dataSource.setPassword("$");\n'],
  ['a requests auth pair', 'tools/report.py', 'r = requests.get(url, auth=("svc-report", "$"))\n'],
];

describe('password notations (issue 12 item 2)', () => {
  it.each(NOTATIONS)('finds a password in %s', (_shape, path, template) => {
    const secret = strongPassword(14);
    expect(scan(template.replace('$', secret), path).map((f) => f.secret)).toContain(secret);
  });

  it('finds a 7-character password next to a password name, and not next to another secret name', () => {
    const secret = strongPassword(7);
    expect(scan(`ADMIN_PASSWORD=${secret}\n`, '.env').map((f) => f.secret)).toEqual([secret]);
    expect(scan(`  pwd: "${secret}"\n`, 'config/admin.yml').map((f) => f.secret)).toEqual([secret]);
    expect(scan(`API_TOKEN=${secret}\n`, '.env')).toEqual([]);
  });

  it.each([
    ['a reference', 'config/db.yml', 'password: ${DB_PASS}\n'],
    ['the environment', 'app/settings.py', 'password = os.environ["DB_PASSWORD"]\n'],
    ['a placeholder', 'config/db.yml', 'password: <your-password>\n'],
    ['getpass()', 'app/cli.py', 'pwd = getpass()\n'],
    ['a hash column', 'app/models.py', 'password_hash = "pbkdf2:sha256:600000$Xq7"\n'],
    ['a UI field', 'src/Login.tsx', 'const passwordField = useRef(null);\n'],
    ['a length rule', '.env', 'PASSWORD_MIN_LENGTH=8\n'],
    ['a boolean', 'config/app.yml', 'auth:\n  pass: true\n'],
    ['the word password', 'config/app.yml', 'password: "password"\n'],
    ['changeme', '.env', 'DB_PASSWORD=changeme\n'],
    ['a mask', '.env', 'DB_PASSWORD=********\n'],
    ['i18n strings', 'src/strings.json', '{"password": "Password", "passwordHint": "Enter your password"}\n'],
    ['a passwd line', 'notes.txt', 'passwd:x:0:0:root:/root:/bin/bash\n'],
    ['docker -v $PWD:/app', 'run.sh', 'docker run -v $PWD:/app node\n'],
    ['a weak short value', '.env', 'ADMIN_PASSWORD=Abc123!\n'],
    ['a prompt macro', 'firmware/config.h', '#define PASSWORD_PROMPT "Password: "\n'],
    ['prose about a password', 'docs/guide.md', 'The password is AES-256-GCM encrypted; the password was v1.2.3-compatible.\n'],
    [
      'a Kubernetes secretKeyRef',
      'k8s/deploy.yaml',
      'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\n',
    ],
  ])('stays quiet on %s', (_shape, path, text) => {
    expect(scan(text, path)).toEqual([]);
  });

  it('reads password names as people write them and skips names about passwords', () => {
    for (const name of [
      'pw',
      'PWD',
      'pass',
      'passwd',
      'pswd',
      'MYSQLPASS',
      'db_pass',
      'ClearTextPassword',
      'SSH_PASSPHRASE',
      'DB_PASSWORD_PROD',
      'KeyStorePassword',
    ])
      expect(isPasswordName(name), name).toBe(true);
    for (const name of [
      'password_hash',
      'passwordField',
      'PASSWORD_MIN_LENGTH',
      'bypass',
      'compass',
      'PASSWORD_RESET_URL',
      'passwordHint',
      'confirmPassword',
    ])
      expect(isPasswordName(name), name).toBe(false);
  });

  it('accepts 6–7 character passwords only with three character classes and no word or run', () => {
    expect(looksLikeShortPassword('R7mj*s9')).toBe(true);
    for (const weak of ['Summer1', 'Abc123!', 'Qwe12#x', 'abcdefg', '1234567', 'Passw0r', '%s:%d!'])
      expect(looksLikeShortPassword(weak), weak).toBe(false);
  });
});
