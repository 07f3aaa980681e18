import { spawn } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { fileKindOf } from './file-kinds.js';

/**
 * Parse checks run on every rewritten file: the language's own parser where one is at hand
 * (TypeScript's, `node --check`, `python3`, `bash -n`, `gofmt -e`, `ruby -c`, `php -l`), a YAML
 * and a JSON parser. Text goes to the tools on stdin, so nothing is written to disk. A check that
 * cannot run (the tool is missing) is skipped, never counted as passed.
 */

/** The outcome of one check. */
export type CheckResult = { status: 'ok' } | { status: 'failed'; message: string } | { status: 'skipped'; reason: string };

/** Checks that a file's text parses; `path` (relative) decides the language. */
export interface SyntaxChecker {
  check(path: string, text: string): Promise<CheckResult>;
}

interface ToolRun {
  code: number | null;
  stderr: string;
  missing: boolean;
}

function runTool(command: string, args: string[], input: string): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'], timeout: 30_000, windowsHide: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stderr: error.message, missing: error.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code, stderr, missing: false }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => /error|Error|expected|unexpected/i.test(line))
      ?.trim() ??
    text.split('\n')[0]?.trim() ??
    ''
  );
}

async function tool(command: string, args: string[], text: string): Promise<CheckResult> {
  const result = await runTool(command, args, text);
  if (result.missing) return { status: 'skipped', reason: `${command} is not installed` };
  return result.code === 0 ? { status: 'ok' } : { status: 'failed', message: `${command}: ${firstLine(result.stderr)}` };
}

async function typescript(path: string, text: string): Promise<CheckResult> {
  const name = 'typescript';
  let ts: typeof import('typescript');
  try {
    ts = ((await import(name)) as { default: typeof import('typescript') }).default;
  } catch {
    return { status: 'skipped', reason: 'the typescript package is not installed' };
  }
  const fileName = /\.(tsx|jsx)$/.test(path) ? path : path.replace(/\.[cm]?[jt]s$/, '.ts');
  const result = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { jsx: ts.JsxEmit.Preserve, allowJs: true },
  });
  const first = result.diagnostics?.[0];
  return first ? { status: 'failed', message: ts.flattenDiagnosticMessageText(first.messageText, ' ') } : { status: 'ok' };
}

async function javascript(path: string, text: string): Promise<CheckResult> {
  if (path.endsWith('.jsx')) return typescript(path, text);
  const commonjs = path.endsWith('.mjs') ? undefined : await tool(process.execPath, ['--check'], text);
  if (commonjs?.status === 'ok' || path.endsWith('.cjs')) return commonjs as CheckResult;
  return tool(process.execPath, ['--input-type=module', '--check'], text);
}

function yamlCheck(text: string): CheckResult {
  const problem = parseAllDocuments(text).flatMap((doc) => ('errors' in doc ? doc.errors : []))[0];
  return problem ? { status: 'failed', message: `YAML: ${problem.message.split('\n')[0]}` } : { status: 'ok' };
}

function jsonCheck(text: string): CheckResult {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return { status: 'ok' };
  } catch (error) {
    return { status: 'failed', message: `JSON: ${(error as Error).message}` };
  }
}

const PYTHON = 'import sys; compile(sys.stdin.buffer.read(), "<unleak-check>", "exec")';

/** The checkers unleak runs, by file kind. */
export const defaultChecker: SyntaxChecker = {
  async check(path, text) {
    switch (fileKindOf(path, text)) {
      case 'ts':
        return typescript(path, text);
      case 'js':
        return javascript(path, text);
      case 'python':
        return tool('python3', ['-c', PYTHON], text);
      case 'shell':
        return tool('bash', ['-n'], text);
      case 'go':
        return tool('gofmt', ['-e'], text);
      case 'ruby':
        return tool('ruby', ['-c'], text);
      case 'php':
        return tool('php', ['-l'], text);
      case 'yaml':
      case 'kubernetes':
        return yamlCheck(text);
      case 'json':
        return jsonCheck(text);
      default:
        return { status: 'skipped', reason: 'no parser for this kind of file' };
    }
  },
};
