import { posix } from 'node:path';

/**
 * What kind of file a path is, which decides how a secret in it becomes a reference:
 * an environment lookup expression in code, `${NAME}` in shell files and in config files whose
 * readers expand it, a moved line in a `.env` file, `valueFrom.secretKeyRef` in a Kubernetes
 * manifest, a file moved into the store for a credentials file, and a refusal (with the way to
 * do it by hand) for config files nothing expands.
 */

/** Programming languages whose string literals are replaced by an environment lookup. */
export type CodeLanguage = 'js' | 'ts' | 'python' | 'go' | 'java' | 'kotlin' | 'ruby' | 'php' | 'csharp';

/**
 * Every kind of file the rewriter knows. `text` is anything else (Markdown, XML, …).
 * `spring-properties` is a Spring Boot `application*.properties` (Spring expands `${NAME}`);
 * `kubernetes` a YAML manifest (`apiVersion:` and `kind:`); `aws-credentials` an AWS shared
 * credentials file, which AWS tools read whole and never expand.
 */
export type FileKind =
  | CodeLanguage
  | 'shell'
  | 'dockerfile'
  | 'yaml'
  | 'kubernetes'
  | 'json'
  | 'toml'
  | 'ini'
  | 'properties'
  | 'spring-properties'
  | 'aws-credentials'
  | 'dotenv'
  | 'dotenv-example'
  | 'text';

/** Kinds whose readers do not expand `${NAME}`: an occurrence there is refused with the way to template the file. */
export const NOT_EXPANDED: ReadonlySet<FileKind> = new Set(['json', 'toml', 'ini', 'properties']);

const SPRING_PROPERTIES = /^(application|bootstrap)([-.][^/]*)?\.properties$/;
const KUBERNETES = /^apiVersion:[ \t]*\S/m;
const KUBERNETES_KIND = /^kind:[ \t]*\S/m;
const AWS_SECRET_KEY = /^[ \t]*aws_secret_access_key[ \t]*=/im;
const INI_SECTION = /^[ \t]*\[[^\]\r\n]+\][ \t]*\r?$/m;

/** True for an AWS shared credentials file: `.aws/credentials`, or an INI (or extension-less) file with `[profile]` sections and `aws_secret_access_key`. */
function isAwsCredentials(path: string, name: string, kind: FileKind, text: string): boolean {
  if (name === 'credentials' && /(^|\/)\.aws\/credentials$/.test(path.split('\\').join('/'))) return true;
  return (kind === 'ini' || (kind === 'text' && !name.includes('.'))) && AWS_SECRET_KEY.test(text) && INI_SECTION.test(text);
}

const BY_EXTENSION: Record<string, FileKind> = {
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'js',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'ts',
  '.py': 'python',
  '.pyw': 'python',
  '.go': 'go',
  '.java': 'java',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.rb': 'ruby',
  '.rake': 'ruby',
  '.gemspec': 'ruby',
  '.php': 'php',
  '.cs': 'csharp',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.ksh': 'shell',
  '.dockerfile': 'dockerfile',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.json': 'json',
  '.toml': 'toml',
  '.ini': 'ini',
  '.cfg': 'ini',
  '.conf': 'ini',
  '.properties': 'properties',
};

const BY_NAME: Record<string, FileKind> = {
  Dockerfile: 'dockerfile',
  Containerfile: 'dockerfile',
  Gemfile: 'ruby',
  Rakefile: 'ruby',
  '.bashrc': 'shell',
  '.profile': 'shell',
  '.zshrc': 'shell',
};

const EXAMPLE_SUFFIX = /\.(example|sample|template|dist|defaults?)$/i;

/** True for dotenv files that hold real values: `.env`, `.env.local`, `prod.env` (not `.env.example`). */
export function isDotenvName(name: string): boolean {
  if (EXAMPLE_SUFFIX.test(name)) return false;
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/** The kind of a file from its path and its text (a shebang line, a Kubernetes header, AWS credentials). */
export function fileKindOf(path: string, text = ''): FileKind {
  const kind = kindByName(path, text);
  const name = posix.basename(path.split('\\').join('/'));
  if (isAwsCredentials(path, name, kind, text)) return 'aws-credentials';
  if (kind === 'yaml' && KUBERNETES.test(text) && KUBERNETES_KIND.test(text)) return 'kubernetes';
  if (kind === 'properties' && SPRING_PROPERTIES.test(name)) return 'spring-properties';
  return kind;
}

function kindByName(path: string, text: string): FileKind {
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
  return (line[2] ?? '')
    .trim()
    .split(/\s+/)
    .find((word) => !word.startsWith('-'));
}

/** True when the kind is a programming language (string literals become lookups). */
export function isCodeLanguage(kind: FileKind): kind is CodeLanguage {
  return ['js', 'ts', 'python', 'go', 'java', 'kotlin', 'ruby', 'php', 'csharp'].includes(kind);
}
