import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatFileReader, type GitSpawnOptions } from '../sources/index.js';
import { DEFAULT_BASELINE } from './git-options.js';

/** The files a scan reads from its root: config, ignore list and default baseline. */
export const ROOT_SETTINGS_FILES = ['.unleak.yaml', '.unleak.yml', '.unleakignore', DEFAULT_BASELINE];

/** A private folder holding the settings files of HEAD's tree, for a repository without a work tree. */
export interface HeadSettings {
  /** The folder to read config, `.unleakignore` and baseline from as a scan root. */
  dir: string;
  /** Which of ROOT_SETTINGS_FILES HEAD's tree had. */
  found: string[];
  /** Removes the folder. */
  remove(): void;
}

/**
 * Copies `.unleak.yaml`, `.unleakignore` and `.unleak-baseline.json` from HEAD's tree (the
 * default branch of a mirror) into a fresh 0700 temp folder, so a bare repository is scanned
 * with the settings its work tree would have. An unborn HEAD, or none of the files, gives an
 * empty folder: the defaults.
 */
export async function headSettings(git: GitSpawnOptions): Promise<HeadSettings> {
  const dir = mkdtempSync(join(tmpdir(), 'unleak-head-settings-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const reader = new CatFileReader(git);
  const found: string[] = [];
  try {
    const objects = await Promise.all(ROOT_SETTINGS_FILES.map((name) => reader.read(`HEAD:${name}`)));
    objects.forEach((object, i) => {
      const name = ROOT_SETTINGS_FILES[i] as string;
      if (object.missing || object.type !== 'blob' || !object.content) return;
      writeFileSync(join(dir, name), object.content, { mode: 0o600 });
      found.push(name);
    });
    return { dir, found, remove };
  } catch (error) {
    remove();
    throw error;
  } finally {
    await reader.close();
  }
}
