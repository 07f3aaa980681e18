import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The rooms of docs/architecture.md. `room(name, forbidden)` keeps src/<name> from importing the rooms
 * it sits beside or above, by `import` and by `await import()` (lazy loads, which
 * no-restricted-imports does not see); every room has such a rule. A room that may use src/scan
 * enters it through its door (src/scan/index.ts), never a file behind it. One entry per rule and
 * room: a later config object replaces a rule's options, it does not add to them.
 */
const ROOMS = ['action', 'cli', 'config', 'engine', 'filters', 'fix', 'fsutil', 'report', 'rotate', 'scan', 'sources', 'store', 'verify'];

const roomMessage = (name, other) => `src/${name} must not import from src/${other} (see docs/architecture.md, rooms).`;
const doorMessage = (name) => `src/${name} enters src/scan through its door: import from scan/index.js.`;

/** esquery regexes cannot hold a slash: \x2F stands for one. */
const SLASH = '\\x2F';

/** A room's rules; `doors` are the relative prefixes (`../`, `../../`) under which the room reaches src/scan. */
const room = (name, forbidden, doors = []) => ({
  files: [`src/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({ group: [`**/${other}/*`, `../${other}`, `../../${other}`], message: roomMessage(name, other) })),
          ...(doors.length ? [{ group: doors.flatMap((up) => [`${up}scan/*`, `!${up}scan/index.js`]), message: doorMessage(name) }] : []),
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      ...forbidden.map((other) => ({
        selector: `ImportExpression[source.value=/^(\\.\\.${SLASH})+${other}(${SLASH}|\\.js$)/]`,
        message: roomMessage(name, other),
      })),
      ...doors.map((up) => ({
        selector: `ImportExpression[source.value=/^${up.replace(/\//g, SLASH).replace(/\./g, '\\.')}scan${SLASH}(?!index\\.js$)/]`,
        message: doorMessage(name),
      })),
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**', 'fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        performance: 'readonly',
        queueMicrotask: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  room(
    'engine',
    ROOMS.filter((other) => other !== 'engine'),
  ),
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'node:fs',
            'node:fs/promises',
            'node:child_process',
            'node:process',
            'fs',
            'child_process',
            'node:net',
            'node:http',
            'node:https',
            'node:worker_threads',
          ].map((name) => ({ name, message: 'src/engine is pure: no I/O (docs/architecture.md).' })),
          patterns: ROOMS.filter((other) => other !== 'engine').map((other) => ({
            group: [`../${other}`, `../${other}/*`],
            message: `src/engine must not import from src/${other}.`,
          })),
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine is pure: no process.' }],
    },
  },
  room(
    'fsutil',
    ROOMS.filter((other) => other !== 'fsutil'),
  ),
  room('report', ['cli', 'sources', 'store', 'fix', 'rotate', 'action', 'scan', 'verify']),
  room('filters', ['cli', 'sources', 'store', 'fix', 'rotate', 'action', 'report', 'scan', 'verify']),
  room('store', ['cli', 'sources', 'fix', 'rotate', 'action', 'report', 'scan', 'verify']),
  room('sources', ['cli', 'store', 'fix', 'rotate', 'action', 'report', 'scan', 'verify']),
  room('config', ['cli', 'sources', 'store', 'fix', 'rotate', 'action', 'report', 'scan', 'verify']),
  room('rotate', ['cli', 'sources', 'fix', 'action', 'report', 'scan', 'verify']),
  room('verify', ['cli', 'sources', 'fix', 'action', 'store', 'filters', 'scan']),
  // scan runs a scan: it reads (sources), matches (engine), filters and reports; it never remediates, stores, verifies or prints.
  room('scan', ['cli', 'action', 'fix', 'rotate', 'store', 'verify']),
  room('fix', ['cli', 'rotate', 'action', 'verify'], ['../', '../../']),
  // The Action and the CLI are siblings over scan: neither imports the other.
  room('action', ['cli', 'fix', 'rotate', 'store'], ['../']),
  room('cli', ['action'], ['../../']),
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', 'src/cli.ts', 'src/action.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'No process.exit outside src/cli/ (docs/architecture.md).' },
      ],
    },
  },
);
