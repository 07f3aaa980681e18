import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../src/cli/store/template-render.js';
import { randomValue } from '../../store/helpers.js';
import { cliRepo } from './cli-helpers.js';

/** unleak render TEMPLATE [--out FILE] */

describe('renderTemplate', () => {
  it('replaces ${NAME}, keeps $${NAME} literal and reports missing names', () => {
    const values = new Map([
      ['A', 'one'],
      ['B_2', 'two'],
    ]);
    expect(renderTemplate('x=${A} y=${B_2} z=$${A} $A', (name) => values.get(name))).toEqual({
      output: 'x=one y=two z=${A} $A',
      missing: [],
    });
    expect(renderTemplate('${A} ${NOPE} ${NOPE}', (name) => values.get(name)).missing).toEqual(['NOPE']);
  });
});

describe('unleak render', () => {
  it('renders to stdout or to a 0600 file, warning when git would not ignore it', async () => {
    const repo = cliRepo();
    await repo.cli(['store', 'init']);
    const password = randomValue();
    await repo.cli(['secrets', 'set', 'DB_PASSWORD'], { stdin: password });
    writeFileSync(join(repo.root, 'config.tpl'), 'db:\n  password: ${DB_PASSWORD}\n  note: $${LITERAL}\n');
    const printed = await repo.cli(['render', 'config.tpl']);
    expect(printed).toMatchObject({ code: 0, out: `db:\n  password: ${password}\n  note: \${LITERAL}\n` });
    const written = await repo.cli(['render', 'config.tpl', '--out', 'config.yaml']);
    expect(written.code).toBe(0);
    expect(written.err).toMatch(/not ignored by git/);
    expect(statSync(join(repo.root, 'config.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(repo.root, 'config.yaml'), 'utf8')).toBe(printed.out);
  });

  it('writes nothing and exits 2 when a reference has no secret', async () => {
    const repo = cliRepo();
    await repo.cli(['store', 'init']);
    writeFileSync(join(repo.root, 'app.tpl'), 'a=${MISSING_ONE} b=${MISSING_TWO}\n');
    const result = await repo.cli(['render', 'app.tpl', '--out', 'app.conf']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('MISSING_ONE, MISSING_TWO');
    expect(() => statSync(join(repo.root, 'app.conf'))).toThrow();
  });
});
