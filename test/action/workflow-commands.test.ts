import { describe, expect, it } from 'vitest';
import { annotationCommand, escapeData, escapeProperty, maskCommands, workflowCommand } from '../../src/action/workflow-commands.js';
import { keyValueBlock } from '../../src/action/file-commands.js';
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
    expect(parsed).toEqual({ name: 'error', properties: { title, file: 'dir, with: comma/a.js', line: '3', endLine: '3', col: '5', endColumn: '9' }, message });
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
    expect(readInputs({})).toEqual({ mode: 'auto', failOnFindings: true, sarifFile: 'unleak.sarif', comment: true, baseline: undefined, config: undefined, githubToken: undefined });
    expect(readInputs({ INPUT_MODE: 'history', 'INPUT_FAIL-ON-FINDINGS': 'False', INPUT_COMMENT: 'FALSE', 'INPUT_SARIF-FILE': 'out/x.sarif', 'INPUT_GITHUB-TOKEN': 't' })).toMatchObject({ mode: 'history', failOnFindings: false, comment: false, sarifFile: 'out/x.sarif', githubToken: 't' });
  });
  it('lists every bad input at once', () => {
    expect(() => readInputs({ INPUT_MODE: 'all', INPUT_COMMENT: 'yes' })).toThrow(/mode must be one of.*; input comment must be true or false/);
  });
});
