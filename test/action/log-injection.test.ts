import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeGithubToken } from './helpers/fake-token.js';
import { Upstream, checkout, removeTemp, tempDir } from './helpers/git-repo.js';
import { pushPayload } from './helpers/payloads.js';
import { parseCommand, runDistAction } from './helpers/run-dist.js';
import { runAction } from '../../src/action/index.js';

/**
 * A pull request controls file names, `.unleak.yaml` (rule titles, size limits), commit messages
 * and author names. None of them may start a log line, so none can forge a workflow command.
 */

/** The lines the runner would read as workflow commands (it trims leading blanks first). */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((line) => /^\s*(::|##\[)/.test(line));
}

const FORGED = ['::error::forged', '::stop-commands::token', '##[error]forged'];

describe('dist/action.js with hostile names', { timeout: 120_000 }, () => {
  let root: string;
  let runnerTemp: string;
  beforeEach(() => {
    root = tempDir('inject');
    runnerTemp = join(root, 'runner-temp');
    mkdirSync(runnerTemp);
  });
  afterEach(() => removeTemp(root));

  it('prints file names, rule titles, commit messages and authors without forging a command', async () => {
    const upstream = new Upstream(root);
    const config = [
      'maxFileSize: 1KB',
      'rules:',
      '  - id: acme-api-key',
      '    title: "Acme key\\n::stop-commands::token\\n::error::forged"',
      '    description: test rule',
      '    severity: high',
      '    keywords: [acme_]',
      "    pattern: '\\b(acme_[a-z0-9]{32})\\b'",
      '    secretGroup: 1',
      '',
    ].join('\n');
    const acme = `acme_${Array.from(randomBytes(32), (byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('')}`;
    const sha = upstream.commit(
      {
        '.unleak.yaml': config,
        'big\n::error::forged\n::stop-commands::token.txt': 'x'.repeat(4096),
        'sub/\n##[error]forged.js': `const key = "${acme}";\n`,
        'leak\n::error::forged.env': `TOKEN=${fakeGithubToken()}\n`,
      },
      'subject\n::error::forged\n::stop-commands::token',
      { name: 'Mallory\n::error::forged', email: 'm@example.com' },
    );
    const workspace = checkout(upstream, root, sha);
    const run = await runDistAction({
      workspace,
      runnerTemp,
      eventName: 'push',
      payload: pushPayload({ after: sha }),
      inputs: { mode: 'files' },
    });
    expect(run.exitCode).toBe(1);
    const commands = commandLines(run.stdout);
    expect(
      commands.every((line) => /^::(add-mask|error|warning|notice)( |::)/.test(line)),
      commands.join('\n'),
    ).toBe(true);
    for (const line of commands) {
      const parsed = parseCommand(line);
      expect(parsed.name).not.toBe('stop-commands');
      if (parsed.name === 'error') expect(parsed.properties.title ?? '', 'only unleak titles its annotations').toMatch(/^unleak: /);
    }
    const errors = commands.map(parseCommand).filter((command) => command.name === 'error');
    expect(errors.map((command) => command.properties.file).sort()).toEqual(['leak\n::error::forged.env', 'sub/\n##[error]forged.js']);
    expect(errors.find((command) => command.properties.file?.startsWith('sub/'))?.properties.title).toBe(
      'unleak: Acme key\n::stop-commands::token\n::error::forged',
    );
    expect(run.stdout).toContain('over the size limit');
    for (const forged of FORGED) expect(commandLines(run.stdout).some((line) => line.trimStart().startsWith(forged))).toBe(false);
  });

  it('keeps a hostile author name inside the annotation of a range scan, and no commit message starts a line', async () => {
    const upstream = new Upstream(root);
    const base = upstream.commit({ 'README.md': '# hi\n' }, 'base');
    const head = upstream.commit({ 'a.env': `TOKEN=${fakeGithubToken()}\n` }, 'add\n::error::forged', {
      name: 'Eve ::stop-commands::token',
      email: 'e@example.com',
    });
    const workspace = checkout(upstream, root, head);
    const run = await runDistAction({ workspace, runnerTemp, eventName: 'push', payload: pushPayload({ before: base, after: head }) });
    expect(run.exitCode).toBe(1);
    const commands = commandLines(run.stdout).map(parseCommand);
    expect(commands.map((command) => command.name).filter((name) => name !== 'add-mask')).toEqual(['error']);
    expect(commands.find((command) => command.name === 'error')?.message).toContain('by Eve ::stop-commands::token');
    for (const forged of FORGED) expect(commandLines(run.stdout).some((line) => line.trimStart().startsWith(forged))).toBe(false);
  });
});

describe('runAction with a scanner that prints hostile text', () => {
  it('defuses what the scan prints and its notes, and still sends its own commands', async () => {
    const root = tempDir('inject-unit');
    try {
      let log = '';
      const exitCode = await runAction(
        { GITHUB_WORKSPACE: root, INPUT_MODE: 'files', 'INPUT_SARIF-FILE': 'out.sarif' },
        {
          write: (text) => (log += text),
          cwd: root,
          scanner: async (_request, options) => {
            options.output('unleak: warning: x\n::stop-commands::token\n  ::error::forged\r##[error]forged\n');
            const stats = {
              mode: 'files' as const,
              filesScanned: 1,
              bytesScanned: 1,
              skippedBinary: 0,
              skippedTooLarge: 1,
              skippedUnreadable: 0,
              skippedOther: 0,
              rules: 0,
              findings: 0,
              suppressedByBaseline: 0,
              durationMs: 1,
            };
            return {
              findings: [],
              stats,
              rules: [],
              root: options.root,
              notes: ['a\n::error::forged\n::stop-commands::token: over the size limit'],
            };
          },
        },
      );
      expect(exitCode).toBe(0);
      expect(commandLines(log)).toEqual([]);
      expect(log.replace(/\u200B/g, '')).toContain('::stop-commands::token');
      expect(log).toContain('unleak: note: a\\n::error::forged\\n::stop-commands::token: over the size limit');
    } finally {
      removeTemp(root);
    }
  });
});
