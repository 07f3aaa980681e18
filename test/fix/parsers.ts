import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

/** Each language's own parser, to prove a rewritten file still parses. Returns an error text or ''. */

function inTemp<T>(name: string, text: string, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-parse-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tool(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : `${result.stderr}${result.stdout}`.trim() || `exit ${result.status}`;
}

export const hasTool = (command: string, versionArg = '--version'): boolean => spawnSync(command, [versionArg]).status === 0;

export function typescriptErrors(text: string, fileName = 'file.ts'): string {
  const result = ts.transpileModule(text, { fileName, reportDiagnostics: true });
  return (result.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ');
}

export const nodeCheck = (text: string, name = 'file.js') => inTemp(name, text, (file) => tool(process.execPath, ['--check', file]));
export const pyCompile = (text: string) => inTemp('file.py', text, (file) => tool('python3', ['-m', 'py_compile', file]));
export const bashCheck = (text: string) => inTemp('file.sh', text, (file) => tool('bash', ['-n', file]));
export const javac = (text: string, className: string) =>
  inTemp(`${className}.java`, text, (file, dir) => tool('javac', ['-d', join(dir, 'out'), file]));

export function yamlErrors(text: string): string {
  return parseAllDocuments(text)
    .flatMap((doc) => ('errors' in doc ? doc.errors : []))
    .map((e) => e.message)
    .join('; ');
}

export function jsonErrors(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
