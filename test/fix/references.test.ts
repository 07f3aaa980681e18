import { describe, expect, it } from 'vitest';
import { applyEdits, planFix, type FixFinding, type FixPlan } from '../../src/fix/index.js';
import { githubToken, randomBase62 } from '../helpers/tokens.js';
import { findingIn } from './helpers.js';
import { bashCheck, hasTool, javac, nodeCheck, pyCompile, typescriptErrors, yamlErrors } from './parsers.js';

/**
 * Every kind of file gets the reference that fits it, every occurrence is replaced, and the
 * rewritten file still parses with the language's own parser where one is installed.
 */

function rewrite(
  path: string,
  template: string,
  overrides: Partial<FixFinding> = {},
  refused = false,
): { out: string; plan: FixPlan; token: string } {
  const token = overrides.secret ?? githubToken();
  const text = template.replaceAll('{T}', token);
  const plan = planFix({ findings: [findingIn(path, text, token, overrides)], files: [{ path, text }] });
  const change = plan.changes.find((c) => c.path === path);
  const out = change ? applyEdits(text, change.edits) : text;
  expect(out.includes(token), 'the value is still in the file').toBe(refused);
  return { out, plan, token };
}

describe('references in code: a literal is replaced whole, quotes included', () => {
  it('JavaScript: process.env, template interpolation, concatenation, comments', () => {
    const { out, plan } = rewrite(
      'src/config.js',
      [
        'const token = "{T}";',
        "const auth = 'token {T}';",
        'const url = `https://api/?t={T}`;',
        '// rotated: {T}',
        'module.exports = { token, auth, url };',
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        'const token = process.env.GITHUB_TOKEN;',
        "const auth = ('token ' + process.env.GITHUB_TOKEN);",
        'const url = `https://api/?t=${process.env.GITHUB_TOKEN}`;',
        '// rotated: ${GITHUB_TOKEN}',
        'module.exports = { token, auth, url };',
        '',
      ].join('\n'),
    );
    expect(plan.entries.map((e) => [e.name, e.references])).toEqual([['GITHUB_TOKEN', 4]]);
    expect(nodeCheck(out)).toBe('');
  });

  it('JavaScript: a regex literal holding a quote does not confuse the lexer', () => {
    const { out } = rewrite('a.mjs', 'const re = /"/g;\nexport const t = "{T}";\n');
    expect(out).toBe('const re = /"/g;\nexport const t = process.env.GITHUB_TOKEN;\n');
    expect(nodeCheck(out, 'a.mjs')).toBe('');
  });

  it('TypeScript parses after the rewrite', () => {
    const { out } = rewrite(
      'src/client.ts',
      [
        "import { Octokit } from '@octokit/rest';",
        "export const client = new Octokit({ auth: '{T}' });",
        'const headers: Record<string, string> = { Authorization: `Bearer {T}` };',
        'export default headers;',
        '',
      ].join('\n'),
    );
    expect(out).toContain('new Octokit({ auth: process.env.GITHUB_TOKEN })');
    expect(out).toContain('`Bearer ${process.env.GITHUB_TOKEN}`');
    expect(typescriptErrors(out)).toBe('');
  });

  it('Python: os.environ, import os after docstring and __future__, f-strings and bytes', () => {
    const { out } = rewrite(
      'app.py',
      [
        '#!/usr/bin/env python3',
        '"""Client."""',
        'from __future__ import annotations',
        'import json',
        '',
        'TOKEN = "{T}"',
        'HEADERS = {"Authorization": f"token {T}"}',
        "RAW = b'{T}'",
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        '#!/usr/bin/env python3',
        '"""Client."""',
        'from __future__ import annotations',
        'import os',
        'import json',
        '',
        'TOKEN = os.environ["GITHUB_TOKEN"]',
        'HEADERS = {"Authorization": (f"token " + os.environ["GITHUB_TOKEN"])}',
        'RAW = os.environ["GITHUB_TOKEN"].encode()',
        '',
      ].join('\n'),
    );
    expect(pyCompile(out)).toBe('');
  });

  it('Python: no second import when os is imported already', () => {
    const { out } = rewrite('tool.py', 'import os, sys\nprint(os.getcwd(), "{T}")\n');
    expect(out).toBe('import os, sys\nprint(os.getcwd(), os.environ["GITHUB_TOKEN"])\n');
    expect(pyCompile(out)).toBe('');
  });

  it('Go: os.Getenv, the import added, a const becomes a var', () => {
    const { out } = rewrite(
      'main.go',
      [
        'package main',
        '',
        'import (',
        '\t"fmt"',
        ')',
        '',
        'const token = "{T}"',
        '',
        'func main() {',
        '\tfmt.Println(token, "Bearer {T}")',
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        'package main',
        '',
        'import (',
        '\t"os"',
        '\t"fmt"',
        ')',
        '',
        'var token = os.Getenv("GITHUB_TOKEN")',
        '',
        'func main() {',
        '\tfmt.Println(token, ("Bearer " + os.Getenv("GITHUB_TOKEN")))',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('Go: a file without imports gets one after the package clause', () => {
    const { out } = rewrite('cfg.go', 'package cfg\n\nvar Token = `{T}`\n');
    expect(out).toBe('package cfg\n\nimport "os"\n\nvar Token = os.Getenv("GITHUB_TOKEN")\n');
  });

  it.runIf(hasTool('javac', '-version'))('Java: System.getenv, and the class still compiles', () => {
    const { out } = rewrite(
      'App.java',
      [
        'public class App {',
        '  static final String TOKEN = "{T}";',
        '  public static void main(String[] args) {',
        '    System.out.println("token {T}".length() + TOKEN.length());',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(out).toContain('static final String TOKEN = System.getenv("GITHUB_TOKEN");');
    expect(out).toContain('("token " + System.getenv("GITHUB_TOKEN")).length()');
    expect(javac(out, 'App')).toBe('');
  });

  it('Kotlin: System.getenv, const val becomes val, templates interpolate', () => {
    const { out } = rewrite('Config.kt', 'const val TOKEN = "{T}"\nval header = "Bearer {T}"\n');
    expect(out).toBe('val TOKEN = System.getenv("GITHUB_TOKEN")\nval header = "Bearer ${System.getenv("GITHUB_TOKEN")}"\n');
  });

  it('Ruby: ENV.fetch, interpolation in double quotes', () => {
    const { out } = rewrite('config.rb', 'TOKEN = \'{T}\'\nHEADER = "token {T}"\n');
    expect(out).toBe('TOKEN = ENV.fetch("GITHUB_TOKEN")\nHEADER = "token #{ENV.fetch("GITHUB_TOKEN")}"\n');
  });

  it("PHP: getenv('NAME'), concatenation with a dot", () => {
    const { out } = rewrite('config.php', '<?php\n$token = \'{T}\';\n$header = "Bearer {T}";\n');
    expect(out).toBe("<?php\n$token = getenv('GITHUB_TOKEN');\n$header = (\"Bearer \" . getenv('GITHUB_TOKEN'));\n");
  });

  it('C#: Environment.GetEnvironmentVariable; a const member becomes static readonly; verbatim strings', () => {
    const { out } = rewrite('Settings.cs', 'class Settings {\n  private const string Token = "{T}";\n  string Raw = @"{T}";\n}\n');
    expect(out).toBe(
      'class Settings {\n  private static readonly string Token = Environment.GetEnvironmentVariable("GITHUB_TOKEN");\n  string Raw = Environment.GetEnvironmentVariable("GITHUB_TOKEN");\n}\n',
    );
  });

  it('refuses a secret outside any literal or comment, and inside part of a Java text block', () => {
    const bare = rewrite('weird.js', 'const x = 1;\n{T}\n', {}, true);
    expect(bare.plan.refused[0]?.reason).toMatch(/not inside a string literal or comment/);
    expect(bare.plan.changes).toEqual([]);
    expect(bare.plan.fixedFingerprints).toEqual([]);
    const block = rewrite('Q.java', 'class Q {\n  String s = """\n    token {T}\n    """;\n}\n', {}, true);
    expect(block.plan.refused[0]?.reason).toMatch(/Java text block/);
  });
});

describe('references in shell, Dockerfile and config files: ${NAME}', () => {
  it('shell: quoting follows the context so the shell expands it', () => {
    const { out } = rewrite(
      'deploy.sh',
      [
        '#!/bin/sh',
        "curl -H 'Authorization: token {T}' https://api",
        "T1='{T}'",
        'export T2={T}',
        'echo "{T}"',
        '# {T}',
        'cat <<EOF',
        'token={T}',
        'EOF',
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        '#!/bin/sh',
        'curl -H \'Authorization: token \'"${GITHUB_TOKEN}" https://api',
        'T1="${GITHUB_TOKEN}"',
        'export T2="${GITHUB_TOKEN}"',
        'echo "${GITHUB_TOKEN}"',
        '# ${GITHUB_TOKEN}',
        'cat <<EOF',
        'token=${GITHUB_TOKEN}',
        'EOF',
        '',
      ].join('\n'),
    );
    expect(bashCheck(out)).toBe('');
  });

  it('shell: a quoted here-document cannot expand, so that occurrence is refused', () => {
    const { plan } = rewrite('x.sh', "cat <<'EOF'\n{T}\nEOF\n", {}, true);
    expect(plan.refused[0]?.reason).toMatch(/quoted here-document/);
  });

  it('Dockerfile, docker-compose, YAML and Spring properties files, whose readers expand ${NAME}', () => {
    expect(rewrite('Dockerfile', 'FROM node:20\nENV GITHUB_TOKEN={T}\n').out).toBe('FROM node:20\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\n');
    const compose = rewrite(
      'docker-compose.yml',
      'services:\n  app:\n    environment:\n      - GITHUB_TOKEN={T}\n      TOKEN2: "{T}"\n'
        .replace('      TOKEN2', '    x-token')
        .replace('- GITHUB', '- GITHUB'),
    );
    expect(compose.out).toContain('- GITHUB_TOKEN=${GITHUB_TOKEN}');
    expect(yamlErrors(compose.out)).toBe('');
    const yaml = rewrite('config/app.yaml', 'github:\n  token: {T}\n  quoted: "{T}"\n');
    expect(yaml.out).toBe('github:\n  token: ${GITHUB_TOKEN}\n  quoted: "${GITHUB_TOKEN}"\n');
    expect(yamlErrors(yaml.out)).toBe('');
    expect(rewrite('src/main/resources/application-prod.properties', 'github.token={T}\n').out).toBe('github.token=${GITHUB_TOKEN}\n');
  });

  it('a connection string keeps its shape: only the password becomes a reference', () => {
    const password = randomBase62(18);
    const template = `database:\n  url: postgres://app:${password}@db.internal:5432/app\n`;
    const { out, plan } = rewrite('config/db.yml', template, {
      secret: password,
      ruleId: 'postgres-connection-uri',
      envName: 'DATABASE_URL',
      provider: 'postgres',
    });
    expect(out).toBe('database:\n  url: postgres://app:${DB_PASSWORD}@db.internal:5432/app\n');
    expect(plan.entries.map((e) => e.name)).toEqual(['DB_PASSWORD']);
    expect(yamlErrors(out)).toBe('');
  });

  it('a JSON-escaped multi-line value (a private key inside a JSON string) is found and replaced', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBase62(64)}\n${randomBase62(40)}\n-----END PRIVATE KEY-----\n`;
    const text = `module.exports = ${JSON.stringify({ credentials: { key: pem } }, null, 2)};\n`;
    const plan = planFix({
      findings: [
        findingIn('sa.js', text, JSON.stringify(pem).slice(1, -1), {
          secret: pem,
          ruleId: 'pkcs8-private-key',
          envName: 'PRIVATE_KEY',
          decodedFrom: 'json-escape',
        }),
      ],
      files: [{ path: 'sa.js', text }],
    });
    const out = applyEdits(text, plan.changes[0]?.edits ?? []);
    expect(out).toContain('"key": process.env.PRIVATE_KEY');
    expect(nodeCheck(out)).toBe('');
    expect(plan.fixedFingerprints).toHaveLength(1);
  });
});
