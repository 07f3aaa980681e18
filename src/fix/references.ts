import type { CodeLanguage } from './file-kinds.js';

/**
 * How each language reads an environment variable: the expression that replaces a string literal.
 * Every one of them reads the value `unleak run` puts into the process environment.
 */
export const LOOKUP: Record<CodeLanguage, (name: string) => string> = {
  js: (name) => `process.env.${name}`,
  ts: (name) => `process.env.${name}`,
  python: (name) => `os.environ["${name}"]`,
  go: (name) => `os.Getenv("${name}")`,
  java: (name) => `System.getenv("${name}")`,
  kotlin: (name) => `System.getenv("${name}")`,
  ruby: (name) => `ENV.fetch("${name}")`,
  php: (name) => `getenv('${name}')`,
  csharp: (name) => `Environment.GetEnvironmentVariable("${name}")`,
};

/** The string concatenation operator of a language. */
export function concatOperator(language: CodeLanguage): string {
  return language === 'php' ? ' . ' : ' + ';
}

/** `${NAME}`: the reference in shell, Dockerfile, compose, YAML, JSON, TOML, INI and properties files. */
export function placeholder(name: string): string {
  return `\${${name}}`;
}
