import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdits, fileKindOf, planFix, renderPlan, type FixFinding, type FixPlan, type TreeFile } from '../../src/fix/index.js';
import { randomBase62 } from '../helpers/tokens.js';
import { findingIn, treeOf } from './helpers.js';

/**
 * Files whose readers never expand `${NAME}` do not get one: a Kubernetes manifest's env value
 * reads a Secret (valueFrom.secretKeyRef), an AWS credentials file moves into the store as a
 * template restored by `unleak run --file`, and a plain INI, properties, TOML or JSON file is
 * refused with the way to template it for `unleak render`.
 */

function outputs(plan: FixPlan, files: TreeFile[]): Map<string, string> {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return new Map(plan.changes.map((c) => [c.path, applyEdits(texts.get(c.path) ?? '', c.edits)]));
}

const rendered = (plan: FixPlan): string =>
  renderPlan(plan, { storeLabel: '.unleak/secrets.default.sops.json', newStore: true, envFlag: '' });
const dbPassword = (overrides: Partial<FixFinding> = {}): Partial<FixFinding> => ({
  ruleId: 'generic-password',
  envName: 'DB_PASSWORD',
  provider: undefined,
  ...overrides,
});
const awsKeyId = (): string =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(Math.random() * 32)]).join('')}`;

describe('Kubernetes manifests: env[].value becomes valueFrom.secretKeyRef', () => {
  it('rewrites a whole env value (plain, quoted, list-item-first) and says how to create the Secret', () => {
    const a = randomBase62(24);
    const b = randomBase62(24);
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          env:',
      '            - name: DB_PASSWORD',
      `              value: ${a}`,
      `            - value: "${b}" # the bot`,
      '              name: BOT_TOKEN',
      '',
    ].join('\n');
    const files = treeOf({ 'k8s/deploy.yaml': manifest });
    const plan = planFix({
      findings: [
        findingIn('k8s/deploy.yaml', manifest, a, dbPassword()),
        findingIn('k8s/deploy.yaml', manifest, b, dbPassword({ envName: 'BOT_TOKEN' })),
      ],
      files,
    });
    expect(plan.refused).toEqual([]);
    const out = outputs(plan, files).get('k8s/deploy.yaml') as string;
    expect(out.includes(a) || out.includes(b)).toBe(false);
    expect(out).not.toContain('${');
    const env = (parse(out) as { spec: { template: { spec: { containers: Array<{ env: unknown[] }> } } } }).spec.template.spec
      .containers[0]!.env;
    expect(env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'unleak', key: 'DB_PASSWORD' } } },
      { valueFrom: { secretKeyRef: { name: 'unleak', key: 'BOT_TOKEN' } }, name: 'BOT_TOKEN' },
    ]);
    const text = rendered(plan);
    expect(text).toContain(`kubernetes: the manifests now read Secret "unleak"`);
    expect(text).toContain(
      `unleak run -- sh -c 'kubectl create secret generic unleak --from-literal=DB_PASSWORD="$DB_PASSWORD" --from-literal=BOT_TOKEN="$BOT_TOKEN"`,
    );
  });

  it('refuses a secret anywhere else in a manifest (inside a longer value, a Secret object), with the way to do it', () => {
    const a = randomBase62(24);
    const manifest = `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: x\n      args: ["--db=postgres://app:${a}@db/app"]\n`;
    const files = treeOf({ 'pod.yml': manifest });
    const plan = planFix({ findings: [findingIn('pod.yml', manifest, a, dbPassword())], files });
    expect(plan.changes).toEqual([]);
    expect(plan.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/Kubernetes does not expand \$\{NAME\}.*secretKeyRef.*unleak render/),
    ]);
  });

  it('refuses a value in a Secret manifest, saying to keep the manifest out of git as an unleak render template', () => {
    const a = randomBase62(24);
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${a}\n`;
    const plan = planFix({
      findings: [findingIn('k8s/secret.yaml', manifest, a, dbPassword())],
      files: treeOf({ 'k8s/secret.yaml': manifest }),
    });
    expect(plan.changes).toEqual([]);
    expect(plan.refused.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^a Kubernetes Secret manifest holds the values themselves: .*unleak render FILE\.template --out FILE/),
    ]);
  });

  it('a YAML file without apiVersion and kind is not a manifest', () => {
    expect(fileKindOf('k8s/deploy.yaml', 'apiVersion: v1\nkind: Pod\n')).toBe('kubernetes');
    expect(fileKindOf('config/app.yaml', 'db:\n  kind: postgres\n')).toBe('yaml');
  });
});

describe('an AWS credentials file moves into the store as a template of its secrets', () => {
  it('.aws/credentials: removed and ignored; each key stored once; the file entry is composed from them', () => {
    const keyId = awsKeyId();
    const secret = randomBase62(40);
    const text = `[default]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\nregion = eu-west-1\n`;
    const files = treeOf({ 'deploy/.aws/credentials': text, '.gitignore': 'node_modules/\n' });
    const plan = planFix({
      findings: [
        findingIn('deploy/.aws/credentials', text, keyId, { ruleId: 'aws-access-key-id', envName: 'AWS_ACCESS_KEY_ID', provider: 'aws' }),
        findingIn('deploy/.aws/credentials', text, secret, {
          ruleId: 'aws-secret-access-key',
          envName: 'AWS_SECRET_ACCESS_KEY',
          provider: 'aws',
        }),
      ],
      files,
    });
    expect(plan.refused).toEqual([]);
    expect(plan.removals.map((r) => [r.path, r.entry])).toEqual([['deploy/.aws/credentials', 'AWS_CREDENTIALS']]);
    expect(outputs(plan, files).get('.gitignore')).toBe('node_modules/\n/deploy/.aws/credentials\n');
    expect(plan.entries.map((e) => [e.name, e.kind, e.composedOf])).toEqual([
      ['AWS_ACCESS_KEY_ID', 'value', undefined],
      ['AWS_SECRET_ACCESS_KEY', 'value', undefined],
      ['AWS_CREDENTIALS', 'file', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']],
    ]);
    expect(plan.entries.filter((e) => e.value.includes(secret)).map((e) => e.name)).toEqual(['AWS_SECRET_ACCESS_KEY']);
    expect(plan.entries[2]!.value).toBe(
      '[default]\naws_access_key_id = ${AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}\nregion = eu-west-1\n',
    );
    expect(plan.fixedFingerprints).toHaveLength(2);
    const shown = rendered(plan);
    expect(shown).toContain('--file AWS_CREDENTIALS=AWS_SHARED_CREDENTIALS_FILE');
    expect(shown.includes(secret)).toBe(false);
  });

  it('is recognised by its content too (an INI file with profiles and aws_secret_access_key)', () => {
    expect(fileKindOf('ops/aws.ini', '[prod]\naws_secret_access_key = x\n')).toBe('aws-credentials');
    expect(fileKindOf('setup.ini', '[auth]\ntoken = x\n')).toBe('ini');
  });
});

describe('config files nothing expands are refused with the way to template them', () => {
  const cases: Array<[string, string]> = [
    ['setup.ini', '[auth]\ntoken = {T}\n'],
    ['app.properties', 'github.token={T}\n'],
    ['pyproject.toml', '[tool.x]\ntoken = "{T}"\n'],
    ['config.json', '{\n  "token": "{T}"\n}\n'],
  ];
  for (const [path, template] of cases) {
    it(`${path}: not rewritten to \${NAME}; the plan says to use unleak render`, () => {
      const token = randomBase62(30);
      const text = template.replace('{T}', token);
      const plan = planFix({ findings: [findingIn(path, text, token, { envName: 'API_TOKEN' })], files: [{ path, text }] });
      expect(plan.changes).toEqual([]);
      expect(plan.entries).toEqual([]);
      expect(plan.refused.map((r) => r.reason)).toEqual([
        `nothing expands \${NAME} in ${path}: make it a template (${path}.template with \${NAME} in place of the value, ${path} ignored by git) and write it before starting with unleak render ${path}.template --out ${path}`,
      ]);
      expect(rendered(plan)).toContain(`unleak render ${path}.template --out ${path}`);
    });
  }
});
