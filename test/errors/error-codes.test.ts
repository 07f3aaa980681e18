import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode, MERGED_CODES } from '../../src/errors.js';

/**
 * The error-code table is the one list of codes: docs/errors.md is rendered from it (and must
 * match it exactly), and every code in it is used somewhere in src/. To rewrite the page after
 * changing the table: UNLEAK_WRITE_ERRORS_DOC=1 npx vitest run test/errors/error-codes.test.ts
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const docPath = join(root, 'docs', 'errors.md');

/** docs/errors.md as the table renders it. */
function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return [
    '# Error codes',
    '',
    '<!-- Rendered from src/error-codes.ts by test/errors/error-codes.test.ts; edit the table there, then run',
    '     UNLEAK_WRITE_ERRORS_DOC=1 npx vitest run test/errors/error-codes.test.ts -->',
    '',
    'Every error unleak reports carries one of these stable codes: on stderr as',
    '`unleak: error CODE: message` (then `hint: …` when there is one), in the GitHub',
    "Action's log and job summary, and as the first word of each problem `unleak audit verify` prints.",
    'An error exits **2** (never 0 or 1, which mean "clean" and "findings"); `UNLEAK_ABORTED` exits 130.',
    'Scripts may rely on the codes; a code is renamed only to merge synonyms.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...rows,
    '',
    '## Merged codes',
    '',
    'Synonyms that were merged; scripts that matched the old name should match the new one.',
    '',
    '| old code | now |',
    '|---|---|',
    ...Object.entries(MERGED_CODES).map(([old, now]) => `| \`${old}\` | \`${now}\` |`),
    '',
  ].join('\n');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('docs/errors.md lists exactly the codes of the table, with their meanings', () => {
    const expected = renderErrorsDoc();
    if (process.env.UNLEAK_WRITE_ERRORS_DOC) writeFileSync(docPath, expected);
    const table = readFileSync(docPath, 'utf8').split('## Merged codes')[0] ?? '';
    const listed = [...table.matchAll(/^\| `(UNLEAK_[A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(Object.keys(ERROR_CODES));
    expect(readFileSync(docPath, 'utf8'), 'docs/errors.md is out of date: see the comment at the top of this test').toBe(expected);
  });

  it('is sorted, and every code is used in src/ (no dead entries)', () => {
    const codes = Object.keys(ERROR_CODES);
    expect(codes).toEqual([...codes].sort());
    const source = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith('error-codes.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    expect(codes.filter((code) => !source.includes(`'${code}'`))).toEqual([]);
  });

  it('no merged name is still a code or used in src/', () => {
    const source = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith('error-codes.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const old of Object.keys(MERGED_CODES)) {
      expect(isErrorCode(old), old).toBe(false);
      expect(source.includes(`'${old}'`), old).toBe(false);
    }
  });

  it('knows its own codes only', () => {
    expect(isErrorCode('UNLEAK_WRITE_FAILED')).toBe(true);
    expect(isErrorCode('ENOENT')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
