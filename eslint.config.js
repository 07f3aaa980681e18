import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const room = (name, forbidden) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((other) => ({ group: [`**/${other}/*`, `../${other}`, `../../${other}`], message: `src/${name} must not import from src/${other} (see DESIGN.md, rooms).` })) }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**', 'fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', structuredClone: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  room('engine', ['cli', 'sources', 'filters', 'report', 'store', 'fix', 'rotate', 'action', 'config']),
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['node:fs', 'node:fs/promises', 'node:child_process', 'node:process', 'fs', 'child_process', 'node:net', 'node:http', 'node:https', 'node:worker_threads'].map((name) => ({ name, message: 'src/engine is pure: no I/O (DESIGN.md).' })),
        patterns: ['cli', 'sources', 'filters', 'report', 'store', 'fix', 'rotate', 'action', 'config'].map((other) => ({ group: [`../${other}`, `../${other}/*`], message: `src/engine must not import from src/${other}.` })),
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine is pure: no process.' }],
    },
  },
  room('report', ['cli', 'sources', 'store', 'fix', 'rotate', 'action']),
  room('filters', ['cli', 'sources', 'store', 'fix', 'rotate', 'action', 'report']),
  room('store', ['cli', 'sources', 'fix', 'rotate', 'action', 'report']),
  room('sources', ['cli', 'store', 'fix', 'rotate', 'action', 'report']),
  room('config', ['cli', 'sources', 'store', 'fix', 'rotate', 'action', 'report']),
  room('rotate', ['cli', 'sources', 'fix', 'action', 'report']),
  room('fix', ['cli', 'rotate', 'action']),
  room('verify', ['cli', 'sources', 'fix', 'action', 'store', 'filters']),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/cli.ts', 'src/action.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'No process.exit outside src/cli/ (DESIGN.md).' }] },
  },
);
