import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md stays true to the tree: every repository path it names exists, its links
 * resolve, and it describes every room of src/, each of which opens its index.ts with a comment.
 * Reads only files of the repository, so it runs in a fresh clone.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOC = 'docs/architecture.md';
const doc = readFileSync(join(ROOT, DOC), 'utf8');

/** Paths under the repository's tracked folders, as written in the doc; a placeholder (`<id>`, `*`) ends the path at its folder. */
function namedPaths(text: string): string[] {
  const found = text.match(/(?<![\w./@-])(?:src|rules|docs|test|scripts|fixtures)\/[\w./-]*/g) ?? [];
  return [...new Set(found.map((path) => path.replace(/\.+$/, '')))];
}

/** Relative Markdown link targets (no URL, no bare anchor), without their `#anchor`. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => (m[1] as string).split('#')[0] as string)
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
}

const rooms = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The block comment an index.ts opens with, or undefined when it opens with anything else. */
function openingComment(room: string): string | undefined {
  const text = readFileSync(join(ROOT, 'src', room, 'index.ts'), 'utf8');
  return /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0];
}

describe(DOC, () => {
  it('names only paths that exist', () => {
    const paths = namedPaths(doc);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });

  it('finds the paths the way a reader reads them', () => {
    expect(namedPaths('see `src/engine/scan.ts`, rules/*.yaml and src/rotate/providers/<id>-provider.ts.')).toEqual([
      'src/engine/scan.ts',
      'rules/',
      'src/rotate/providers/',
    ]);
    expect(namedPaths('https://example.org/docs/x and .unleak/src/y')).toEqual([]);
  });

  it('links only to files that exist', () => {
    const links = relativeLinks(doc);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((target) => !existsSync(normalize(join(ROOT, dirname(DOC), target))))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').includes('(docs/architecture.md)'), 'README.md links docs/architecture.md').toBe(
      true,
    );
  });

  it('describes every room of src/ in its table', () => {
    expect(rooms.length).toBeGreaterThanOrEqual(12);
    expect(rooms.filter((room) => !doc.includes(`| \`src/${room}/\` |`))).toEqual([]);
  });

  it('finds an opening comment on each room door that says what the room may import', () => {
    const doors = rooms.filter((room) => room !== 'cli');
    expect(doors.filter((room) => !existsSync(join(ROOT, 'src', room, 'index.ts')))).toEqual([]);
    for (const room of doors) {
      const comment = openingComment(room);
      expect(comment, `src/${room}/index.ts opens with /** … */`).toBeDefined();
      expect(comment, `src/${room}/index.ts`).toContain(`src/${room}`);
      expect(comment, `src/${room}/index.ts says what it may import`).toMatch(/import/i);
    }
  });
});
