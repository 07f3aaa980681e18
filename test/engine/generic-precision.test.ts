import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../src/engine/index.js';
import { githubToken } from '../helpers/tokens.js';

const loaded = loadRuleFiles();
const ruleSet = compileRules(loaded.map(({ spec }) => ({ spec, engine: 'js' as const })));
const genericIds = new Set(loaded.filter(({ spec }) => spec.tags?.includes('generic')).map(({ spec }) => spec.id));
const scan = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet);
const genericFindings = (text: string, path: string) => scan(text, path).filter((f) => genericIds.has(f.ruleId));

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const CHARSET = `${LETTERS}23456789!#%^*_+=~@-`;
/** Values a generator could produce that the rules rightly skip: stopwords, `xxxx`, `***`, long letter runs that read as words. */
const AVOID =
  /password|passwd|secret|token|example|sample|dummy|changeme|test|demo|fake|mock|default|admin|qwerty|welcome|lorem|foobar|x{4}|\*{3}|[A-Za-z]{6}/i;

/** A random password as a generator makes them: letters, digits and symbols, starting with a letter. */
function randomPassword(length = 16 + ((randomBytes(1)[0] as number) % 9)): string {
  for (;;) {
    const body = [...randomBytes(length - 3)].map((byte) => CHARSET[byte % CHARSET.length]).join('');
    const value = `${LETTERS[(randomBytes(1)[0] as number) % LETTERS.length]}${body}${((randomBytes(1)[0] as number) % 8) + 2}${'!#%^*'[(randomBytes(1)[0] as number) % 5]}`;
    if (!AVOID.test(value)) return value;
  }
}

/** [syntax, path, line template]: `$` is replaced by a fresh random secret. */
const POSITIVES: [string, string, string][] = [
  ['.env', '.env', 'DB_PASSWORD=$'],
  ['.env quoted', '.env.production', 'SMTP_PASSWORD="$"'],
  ['shell export', 'scripts/deploy.sh', 'export API_TOKEN=$'],
  ['YAML', 'config/database.yml', '  password: $'],
  ['YAML quoted', 'config/oauth.yaml', '  client_secret: "$"'],
  ['JSON', 'config/default.json', '    "apiKey": "$",'],
  ['INI', 'settings.ini', 'password = $'],
  ['properties', 'src/main/resources/application.properties', 'spring.datasource.password=$'],
  ['TOML', 'config.toml', 'api_token = "$"'],
  ['XML element', 'settings.xml', '      <password>$</password>'],
  ['XML appSettings', 'Web.config', '    <add key="DbPassword" value="$" />'],
  ['XML attribute', 'conf/server.xml', '<Resource name="jdbc/app" username="app" password="$" />'],
  ['JavaScript const', 'src/db.js', "const dbPassword = '$';"],
  ['JS object key', 'src/auth.ts', "  clientSecret: '$',"],
  ['TS annotated field', 'src/api/client.ts', '  private readonly apiKey: string = "$";'],
  ['Python assignment', 'app/settings.py', 'SECRET_KEY = "$"'],
  ['Python keyword argument', 'app/client.py', 'client = Client(api_key="$")'],
  ['Go short declaration', 'cmd/server/main.go', '\tpassword := "$"'],
  ['Go struct field', 'internal/client.go', '\t\tToken: "$",'],
  ['Java constant', 'src/main/java/app/Config.java', '    private static final String DB_PASSWORD = "$";'],
  ['Kotlin val', 'app/src/main/kotlin/Api.kt', '    val authToken = "$"'],
  ['C# verbatim string', 'Program.cs', 'var connectionPassword = @"$";'],
  ['Ruby attribute', 'config/initializers/app.rb', "config.secret_token = '$'"],
  ['Ruby hash', 'config/database.rb', "  password: '$',"],
  ['PHP variable', 'config.php', "$password = '$';"],
  ['PHP array', 'config/services.php', "    'api_secret' => '$',"],
  ['PHP define', 'wp-config.php', "define( 'AUTH_KEY', '$' );"],
  ['docker-compose list', 'docker-compose.yml', '      - POSTGRES_PASSWORD=$'],
  ['Dockerfile ENV', 'Dockerfile', 'ENV REDIS_PASSWORD=$'],
  ['command-line flag', 'Makefile', '\t./bin/migrate --db-password=$ up'],
  ['Terraform', 'infra/main.tf', '  master_password = "$"'],
];

describe('generic rules find a random secret in every common syntax', () => {
  it.each(POSITIVES)('%s (%s)', (_syntax, path, template) => {
    const secret = randomPassword();
    const line = template.replace(/\$(?![a-z])/, () => secret);
    const found = genericFindings(line, path);
    expect(
      found.map((f) => f.secret),
      line,
    ).toContain(secret);
    expect(
      found.every((f) => f.ruleId.startsWith('generic-')),
      found.map((f) => f.ruleId).join(),
    ).toBe(true);
  });

  it('catches the password of the brief: DB_PASSWORD=q8#Vx2!mTz9$Lr4p', () => {
    expect(genericFindings('DB_PASSWORD=q8#Vx2!mTz9$Lr4p', '.env').map((f) => f.secret)).toEqual(['q8#Vx2!mTz9$Lr4p']);
  });

  it('reports the value only, once, at its position', () => {
    const secret = randomPassword();
    const [finding, ...rest] = genericFindings(`db:\n  password: "${secret}"\n`, 'config.yml');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'generic-password', line: 2, column: 14, secret, severity: 'medium' });
  });
});

/** [what, path, line]: lines from real repositories that must not be reported. */
const NEGATIVES: [string, string, string][] = [
  ['env reference', '.env', 'DB_PASSWORD=${DB_PASSWORD}'],
  ['shell default expansion', 'scripts/run.sh', 'export API_TOKEN="${API_TOKEN:-}"'],
  ['Actions expression', '.github/workflows/ci.yml', '          password: ${{ secrets.REGISTRY_PASSWORD }}'],
  ['Helm template', 'charts/app/templates/secret.yaml', '  password: {{ .Values.db.password | quote }}'],
  ['ERB', 'config/database.yml', '  password: <%= ENV["DATABASE_PASSWORD"] %>'],
  ['Python format placeholder', 'alembic.ini', 'password = %(DB_PASSWORD)s'],
  ['function call', 'app/db.py', 'password = get_secret("db-password")'],
  ['getter call', 'src/login.ts', 'const password = getPassword();'],
  ['variable to variable', 'src/login.ts', 'const password = userPassword;'],
  ['attribute access', 'app/models.py', '        password = self.password'],
  ['process.env', 'src/config.js', '  apiKey: process.env.API_KEY,'],
  ['os.environ', 'app/settings.py', 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]'],
  ['Ruby ENV', 'config/initializers/stripe.rb', "  api_key: ENV['STRIPE_API_KEY'],"],
  ['boolean flag', 'config/app.yml', 'auth: true'],
  ['number', 'config/app.yml', 'password: 12345678'],
  ['short value', 'config/dev.yml', 'password: abc123'],
  ['repeated characters', 'config/dev.yml', "password: 'aaaaaaaaaaaa'"],
  ['validation word', 'src/schemas/user.ts', '  password: "required",'],
  ['i18n label', 'src/i18n/en.ts', '  password: "Password",'],
  ['i18n sentence', 'config/messages.yml', 'password: Enter your password'],
  ['i18n file', 'locales/de.json', '  "password_hint": "Mindestens 8 Zeichen", "password": "Passwort1234"'],
  ['i18n key', 'src/forms/login.tsx', "  error: t('auth.errors.invalid_token'), token: 'auth.errors.expired_token',"],
  ['camelCase identifier', 'src/store.ts', "  token: 'accessTokenValue',"],
  ['hash named *_hash', 'db/seeds.rb', 'password_hash = "$2b$12$DzqqCk/HiUInRh4Mb.KEnZoDYDNG3OoFq8rOi9FRXH/tunyEI57/r"'],
  [
    'bcrypt hash in a password field',
    'db/seeds/users.json',
    '  {"email": "ops@corp.internal", "password": "$2b$12$DzqqCk/HiUInRh4Mb.KEnZoDYDNG3OoFq8rOi9FRXH/tunyEI57/r"}',
  ],
  [
    'SRI integrity',
    'package.json',
    '      "integrity": "sha512-9Kq3TzVd8zYH1gR3v7UoZp0w3J8sV1m0eJ8zKk2cQ0yFhZ0nqRr9dZzQk0m8J6k3w1JxXo6dQ2bqJ5v8xQ=="',
  ],
  ['md5 digest', 'config/cache.json', '  "secret": "d41d8cd98f00b204e9800998ecf8427e",'],
  ['names in a doc comment', 'src/names.ts', '/** Trailing words (`DB_PASSWORD_PROD`, `apiKeyV2`). */'],
  ['camelCase identifier with a version', 'src/config.py', 'password = "legacyTokenV2"'],
  ['git SHA', 'deploy/release.env', 'RELEASE_COMMIT_SHA=3f786850e387550fdab836ed7e6dc881de23001b'],
  ['sha256 digest', 'deploy/images.yml', '  token: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  ['UUID', 'config/tenants.json', '  "token": "550e8400-e29b-41d4-a716-446655440000",'],
  [
    'public key',
    'config/jwt.yml',
    'public_key: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE5t5tR5x+q3/X+x20JKW5CACxnOt+Y0hbpBY9BoXlILzqVlOWZbRbFMb3EftfrtJa9Gxtr/U4jJ7xUy8ajZFcHQ=="',
  ],
  [
    'data URI',
    'src/assets.ts',
    'export const authLogo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
  ],
  ['file path', 'config/app.yml', 'password: /run/secrets/db_password'],
  ['credentials file path', '.env', 'GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json'],
  ['URL', 'config/oauth.yml', 'auth: https://login.corp.internal/oauth2/authorize'],
  ['regex', 'src/validation.ts', "  password: '^(?=.*[A-Z])(?=.*\\d).{12,}$',"],
  ['jasypt ciphertext', 'src/main/resources/application.yml', '    password: ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)'],
  ['Spring Cloud Config cipher', 'config/app.yml', "    password: '{cipher}AQA8x2TQm4kYl0cJcW3jU5mH9y8zQ1qPc3RwQ'"],
  ['Ansible vault tag', 'group_vars/all.yml', 'db_password: !vault |'],
  ['CSRF token', 'templates/form.html', '<input type="hidden" name="csrf_token" value="IjdlMGE5YjQ1ZDg4ZjE3Yjc0ZWI2"/>'],
  ['pagination token', 'test/api.http', '  "nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3",'],
  ['comparison', 'src/auth.go', 'if password == "q8Vx2mTz9Lr4pW" {'],
  [
    'jwt.io sample',
    'src/auth.test.ts',
    'const token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";',
  ],
];

/** Paths where a random-looking value is expected and not a secret: fixtures, snapshots, lock files, minified code. */
const EXCLUDED_PATHS = [
  'test/fixtures/users.yml',
  'spec/fixtures/config.json',
  'src/components/__snapshots__/Login.test.tsx.snap',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'Gemfile.lock',
  'composer.lock',
  'public/js/app.min.js',
];

describe('generic rules stay quiet on what is not a secret', () => {
  it.each(NEGATIVES)('%s (%s)', (_what, path, line) => {
    expect(genericFindings(line, path)).toEqual([]);
  });

  it.each(EXCLUDED_PATHS)('skips %s', (path) => {
    expect(genericFindings(`  "authToken": "${randomPassword()}",\n  password: ${randomPassword()}`, path)).toEqual([]);
  });

  it('skips very long (minified) lines', () => {
    const line = `!function(){${'var a=1;'.repeat(300)}var e={apiKey:"${randomPassword()}"};${'b();'.repeat(300)}}();`;
    expect(genericFindings(line, 'dist/bundle.js')).toEqual([]);
  });

  it('lets a provider rule report a provider token instead of the generic rule', () => {
    const token = githubToken();
    const ids = scan(`GITHUB_TOKEN=${token}`, '.env').map((f) => f.ruleId);
    expect(ids).toContain('github-classic-pat');
    expect(ids.filter((id) => id.startsWith('generic-'))).toEqual([]);
  });
});
