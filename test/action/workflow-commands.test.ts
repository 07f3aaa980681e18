import { describe, expect, it } from 'vitest';
import { annotationCommand, escapeData, escapeProperty, maskCommands, workflowCommand } from '../../src/action/workflow-commands.js';
import { keyValueBlock } from '../../src/action/file-commands.js';
import { logLine, logText, logTextWriter } from '../../src/action/log-lines.js';
import { readInput, readInputs } from '../../src/action/inputs.js';
import { parseCommand, parseOutputFile } from './helpers/run-dist.js';

describe('workflow command escaping', () => {
  it('escapes % first, then CR and LF, in data', () => {
    expect(escapeData('100%\r\nnext %0A')).toBe('100%25%0D%0Anext %250A');
  });
  it('also escapes : and , in properties', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
  it('round-trips through the runner unescaping', () => {
    const title = 'unleak: x, y %0A';
    const message = 'line one\nline: two, 50%';
    const line = annotationCommand('error', message, { title, file: 'dir, with: comma/a.js', line: 3, endLine: 3, col: 5, endColumn: 9 });
    expect(line.split('\n')).toHaveLength(1);
    const parsed = parseCommand(line);
    expect(parsed).toEqual({
      name: 'error',
      properties: { title, file: 'dir, with: comma/a.js', line: '3', endLine: '3', col: '5', endColumn: '9' },
      message,
    });
  });
  it('leaves out empty properties', () => {
    expect(workflowCommand('notice', { title: undefined, file: '' }, 'hi')).toBe('::notice::hi');
  });
  it('masks a secret, and each line of a multi-line one', () => {
    expect(maskCommands('abc%def')).toEqual(['::add-mask::abc%25def']);
    expect(maskCommands('-----BEGIN KEY-----\nMIIEsecretbody\n-----END KEY-----')).toEqual([
      '::add-mask::-----BEGIN KEY-----%0AMIIEsecretbody%0A-----END KEY-----',
      '::add-mask::-----BEGIN KEY-----',
      '::add-mask::MIIEsecretbody',
      '::add-mask::-----END KEY-----',
    ]);
  });
});

describe('GITHUB_OUTPUT blocks', () => {
  it('writes name<<delimiter blocks the runner parses back, multi-line values included', () => {
    const text = keyValueBlock('findings', '3') + keyValueBlock('note', 'two\nlines');
    expect(parseOutputFile(text)).toEqual({ findings: '3', note: 'two\nlines' });
  });
  it('refuses a value that contains its delimiter', () => {
    expect(() => keyValueBlock('x', 'a\nEOF\nb', 'EOF')).toThrow(/delimiter/);
  });
});

describe('inputs', () => {
  it('reads INPUT_ names upper-cased with dashes kept, and applies the defaults', () => {
    expect(readInput({ 'INPUT_FAIL-ON-FINDINGS': ' false ' }, 'fail-on-findings')).toBe('false');
    expect(readInputs({})).toMatchObject({
      mode: 'auto',
      failOnFindings: true,
      sarifFile: 'unleak.sarif',
      comment: true,
      baseline: undefined,
      config: undefined,
      githubToken: undefined,
      skipUnreadable: false,
    });
    expect(
      readInputs({
        INPUT_MODE: 'history',
        'INPUT_FAIL-ON-FINDINGS': 'False',
        INPUT_COMMENT: 'FALSE',
        'INPUT_SARIF-FILE': 'out/x.sarif',
        'INPUT_GITHUB-TOKEN': 't',
      }),
    ).toMatchObject({ mode: 'history', failOnFindings: false, comment: false, sarifFile: 'out/x.sarif', githubToken: 't' });
  });
  it('lists every bad input at once', () => {
    expect(() => readInputs({ INPUT_MODE: 'all', INPUT_COMMENT: 'yes' })).toThrow(
      /mode must be one of.*; input comment must be true or false/,
    );
  });
});

describe('plain log lines', () => {
  /** What the runner would run: lines that start, after blanks, with `::` or `##[` (it splits on CR, LF and CRLF). */
  const commandsIn = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => /^\s*(::|##\[)/.test(line));

  it('keeps a value with newlines on one line, so it cannot start a command', () => {
    const path = 'src/a\n::error::forged\r\n::stop-commands::token.js';
    const line = logLine(`unleak: note: ${path}: cannot read`);
    expect(line).toBe('unleak: note: src/a\\n::error::forged\\r\\n::stop-commands::token.js: cannot read');
    expect(commandsIn(`${line}\n`)).toEqual([]);
  });
  it('defuses a line that itself starts with a command marker, blanks or not', () => {
    for (const text of ['::stop-commands::token', '  ::error::forged', '\t##[error]forged', '::add-mask::x']) {
      expect(commandsIn(logLine(text))).toEqual([]);
      expect(logLine(text).replace(/\u200B/g, '')).toBe(text);
    }
  });
  it('defuses every line of multi-line text and keeps its line breaks', () => {
    const text = 'warning: big\n::error::forged\r::stop-commands::token\r\n##[warning]x\nplain line\n';
    const safe = logText(text);
    expect(commandsIn(safe)).toEqual([]);
    expect(safe.replace(/\u200B/g, '')).toBe(text);
  });
  it('defuses a command marker split across two writes', () => {
    let log = '';
    const writer = logTextWriter((text) => (log += text));
    for (const piece of ['scan output\n:', ':error::forged\n#', '#[error]x', '\n::stop-commands::', 'token']) writer.write(piece);
    writer.flush();
    expect(commandsIn(log)).toEqual([]);
    expect(log.replace(/\u200B/g, '')).toBe('scan output\n::error::forged\n##[error]x\n::stop-commands::token');
  });
  it('leaves ordinary lines alone', () => {
    expect(logLine('unleak: 2 secrets found; SARIF written to unleak.sarif')).toBe(
      'unleak: 2 secrets found; SARIF written to unleak.sarif',
    );
    expect(logText('a: b\nc :: d\n')).toBe('a: b\nc :: d\n');
  });
});
