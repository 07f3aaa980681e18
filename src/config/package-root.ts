import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder of the unleak package (holding `rules/` and `dist/`), found upward from this module. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'unleak') break;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the unleak package root');
    dir = parent;
  }
  cached = dir;
  return dir;
}
