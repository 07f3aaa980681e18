import { posix } from 'node:path';

/**
 * What kind of file a path is, which decides how a secret in it becomes a reference:
 * an environment lookup expression in code, `${NAME}` in shell and config files, a moved line in
 * a `.env` file.
 */

/** Programming languages whose string literals are replaced by an environment lookup. */
export type CodeLanguage = 'js' | 'ts' | 'python' | 'go' | 'java' | 'kotlin' | 'ruby' | 'php' | 'csharp';

/** Every kind of file the rewriter knows. `text` is anything else (Markdown, XML, …). */
export type FileKind = CodeLanguage | 'shell' | 'dockerfile' | 'yaml' | 'json' | 'toml' | 'ini' | 'properties' | 'dotenv' | 'dotenv-example' | 'text';

const BY_EXTENSION: Record<string, FileKind> = {
  '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'js',
  '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'ts',
  '.py': 'python', '.pyw': 'python',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin', '.kts': 'kotlin',
  '.rb': 'ruby', '.rake': 'ruby', '.gemspec': 'ruby',
  '.php': 'php',
  '.cs': 'csharp',
  '.sh': 'shell', '.bash': 'shell', '.zsh': 'shell', '.ksh': 'shell',
  '.dockerfile': 'dockerfile',
  '.yml': 'yaml', '.yaml': 'yaml',
  '.json': 'json',
  '.toml': 'toml',
  '.ini': 'ini', '.cfg': 'ini', '.conf': 'ini',
  '.properties': 'properties',
};

const BY_NAME: Record<string, FileKind> = { Dockerfile: 'dockerfile', Containerfile: 'dockerfile', Gemfile: 'ruby', Rakefile: 'ruby', '.bashrc': 'shell', '.profile': 'shell', '.zshrc': 'shell' };

const EXAMPLE_SUFFIX = /\.(example|sample|template|dist|defaults?)$/i;

/** True for dotenv files that hold real values: `.env`, `.env.local`, `prod.env` (not `.env.example`). */
export function isDotenvName(name: string): boolean {
  if (EXAMPLE_SUFFIX.test(name)) return false;
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/** The kind of a file from its path and (for extension-less scripts) its first line. */
export function fileKindOf(path: string, text = ''): FileKind {
  const name = posix.basename(path.split('\\').join('/'));
  if (isDotenvName(name)) return 'dotenv';
  if ((name.startsWith('.env') || name.endsWith('.env.example')) && EXAMPLE_SUFFIX.test(name)) return 'dotenv-example';
  const byName = BY_NAME[name] ?? (/^(Dockerfile|Containerfile)\./.test(name) ? 'dockerfile' : undefined);
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  const byExtension = dot > 0 ? BY_EXTENSION[name.slice(dot).toLowerCase()] : undefined;
  if (byExtension) return byExtension;
  const shebang = interpreterOf(text);
  if (shebang && ['sh', 'bash', 'zsh', 'ksh', 'dash'].includes(shebang)) return 'shell';
  if (shebang && /^python/.test(shebang)) return 'python';
  if (shebang === 'node') return 'js';
  if (shebang === 'ruby') return 'ruby';
  return 'text';
}

function interpreterOf(text: string): string | undefined {
  const line = /^#!\s*(\S+)(.*)/.exec(text);
  if (!line) return undefined;
  const program = posix.basename(line[1] as string);
  if (program !== 'env') return program;
  return (line[2] ?? '').trim().split(/\s+/).find((word) => !word.startsWith('-'));
}

/** True when the kind is a programming language (string literals become lookups). */
export function isCodeLanguage(kind: FileKind): kind is CodeLanguage {
  return ['js', 'ts', 'python', 'go', 'java', 'kotlin', 'ruby', 'php', 'csharp'].includes(kind);
}
