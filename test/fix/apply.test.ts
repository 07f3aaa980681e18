import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnleakError } from '../../src/errors.js';
import {
  APPLY_STEPS,
  applyPlan,
  nodeFixFs,
  planFix,
  repositoryStore,
  type ApplyOptions,
  type FixFs,
  type FixPlan,
  type FixStore,
  type SyntaxChecker,
} from '../../src/fix/index.js';
import { openStore, parseIdentities } from '../../src/store/index.js';
import { tempTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';
import { ageKeygen, gitInit, tempDir } from '../store/helpers.js';
import { findingIn, treeOf } from './helpers.js';

/**
 * applyPlan is all or nothing: a failure at any step (a write error, a removal error, the store,
 * a parse check, an abort as Ctrl-C sends it) leaves every file and the store byte for byte as
 * they were, with no stray temp files and no new folders.
 */

/** Every file under root: path → sha256 and mode. */
function treeState(root: string): Map<string, string> {
  const state = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) {
        state.set(`${relative(root, full)}/`, 'dir');
        walk(full);
      } else
        state.set(
          relative(root, full),
          `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${(statSync(full).mode & 0o777).toString(8)}`,
        );
    }
  };
  walk(root);
  return state;
}

/** A store that writes plain files (no crypto), so the matrix runs fast; it can fail on demand. */
function fakeStore(root: string, fail: { create?: boolean; write?: boolean } = {}): FixStore {
  const file = join(root, '.unleak', 'secrets.default.sops.json');
  const audit = join(root, '.unleak', 'audit.jsonl');
  return {
    label: '.unleak/secrets.default.sops.json',
    files: () => [file, audit],
    exists: async () => existsSync(file),
    existing: async () => new Map(),
    async create() {
      await nodeFixFs.write(file, '{}\n');
      if (fail.create) throw new Error('store create failed');
    },
    async write(entries) {
      await nodeFixFs.write(audit, `${(await nodeFixFs.read(audit))?.data.toString() ?? ''}${entries.map((e) => e.name).join(',')}\n`);
      if (fail.write) throw new Error('store write failed');
      await nodeFixFs.write(file, JSON.stringify(entries.map((e) => ({ name: e.name, sha: e.valueSha256 }))));
    },
  };
}

/** The real file system, failing the nth call of one operation (once). */
function failingFs(op: 'write' | 'remove' | 'read', nth: number): FixFs & { calls: () => number } {
  let count = 0;
  const maybeFail = () => {
    count += 1;
    if (count === nth) throw Object.assign(new Error(`injected ${op} failure`), { code: 'EIO' });
  };
  return {
    ...nodeFixFs,
    read: async (path) => (op === 'read' && (maybeFail(), true) ? nodeFixFs.read(path) : nodeFixFs.read(path)),
    write: async (path, data, mode) => {
      if (op === 'write') maybeFail();
      return nodeFixFs.write(path, data, mode);
    },
    remove: async (path) => {
      if (op === 'remove') maybeFail();
      return nodeFixFs.remove(path);
    },
    calls: () => count,
  };
}

const passAll: SyntaxChecker = { check: async () => ({ status: 'ok' }) };

/** A tree with a JS file, a Python file, a .env file and a private key file, and the plan for it. */
function sampleProject(): { root: string; plan: FixPlan } {
  const token = githubToken();
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const files = {
    'src/a.js': `module.exports = "${token}";\n`,
    'tools/b.py': `T = '${token}'\n`,
    '.env': `GITHUB_TOKEN=${token}\nPORT=1\n`,
    'deploy/key.pem': pem,
  };
  const root = tempTree(files);
  const tree = treeOf(files);
  const plan = planFix({
    findings: [
      findingIn('src/a.js', files['src/a.js'], token),
      findingIn('deploy/key.pem', pem, pem.trimEnd(), { ruleId: 'pkcs8-private-key', envName: 'PRIVATE_KEY' }),
    ],
    files: tree,
  });
  expect(plan.changes.map((c) => c.path).sort()).toEqual(['.env', '.env.example', '.gitignore', 'src/a.js', 'tools/b.py']);
  expect(plan.removals.map((r) => r.path)).toEqual(['deploy/key.pem']);
  return { root, plan };
}

async function expectRolledBack(root: string, before: Map<string, string>, run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnleakError);
  expect((error as UnleakError).code).toBe('UNLEAK_FIX_ROLLED_BACK');
  expect((error as UnleakError).message).toMatch(message);
  expect(treeState(root)).toEqual(before);
}

describe('applyPlan', () => {
  it('writes the store, rewrites and removes files, and checks each rewritten file', async () => {
    const { root, plan } = sampleProject();
    const seen: string[] = [];
    const result = await applyPlan(plan, {
      root,
      fs: nodeFixFs,
      store: fakeStore(root),
      checker: passAll,
      createStoreFor: 'age1x',
      afterStep: (step) => void seen.push(step),
    });
    expect(seen).toEqual([...APPLY_STEPS]);
    expect(result.storeCreated).toBe(true);
    expect(readFileSync(join(root, 'src/a.js'), 'utf8')).toBe('module.exports = process.env.GITHUB_TOKEN;\n');
    expect(readFileSync(join(root, '.env'), 'utf8')).toBe('PORT=1\n');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('/deploy/key.pem\n');
    expect(existsSync(join(root, 'deploy/key.pem'))).toBe(false);
    expect(result.checks.map((c) => [c.path, c.after?.status]).sort()).toEqual([
      ['.env', 'ok'],
      ['src/a.js', 'ok'],
      ['tools/b.py', 'ok'],
    ]);
  });

  it.each(APPLY_STEPS)('rolls everything back when interrupted after step %s', async (step) => {
    const { root, plan } = sampleProject();
    const before = treeState(root);
    const controller = new AbortController();
    const options: ApplyOptions = {
      root,
      fs: nodeFixFs,
      store: fakeStore(root),
      checker: passAll,
      createStoreFor: 'age1x',
      signal: controller.signal,
      afterStep: (done) => (done === step ? controller.abort() : undefined),
    };
    await expectRolledBack(root, before, () => applyPlan(plan, options), /^interrupted; every file and the store were restored/);
  });

  it('rolls back when any single file write fails, whichever it is', async () => {
    const { plan } = sampleProject();
    const writes = plan.changes.length;
    for (let nth = 1; nth <= writes; nth++) {
      const { root, plan: fresh } = sampleProject();
      const before = treeState(root);
      const fs = failingFs('write', nth);
      await expectRolledBack(
        root,
        before,
        () => applyPlan(fresh, { root, fs, store: fakeStore(root), checker: passAll, createStoreFor: 'age1x' }),
        /injected write failure/,
      );
    }
  });

  it('rolls back when removing the secret file fails, when snapshotting fails, and when the store fails', async () => {
    let project = sampleProject();
    let before = treeState(project.root);
    await expectRolledBack(
      project.root,
      before,
      () =>
        applyPlan(project.plan, {
          root: project.root,
          fs: failingFs('remove', 1),
          store: fakeStore(project.root),
          checker: passAll,
          createStoreFor: 'a',
        }),
      /injected remove failure/,
    );
    project = sampleProject();
    before = treeState(project.root);
    await expectRolledBack(
      project.root,
      before,
      () =>
        applyPlan(project.plan, {
          root: project.root,
          fs: failingFs('read', 3),
          store: fakeStore(project.root),
          checker: passAll,
          createStoreFor: 'a',
        }),
      /injected read failure/,
    );
    for (const fail of [{ create: true }, { write: true }]) {
      project = sampleProject();
      before = treeState(project.root);
      await expectRolledBack(
        project.root,
        before,
        () =>
          applyPlan(project.plan, {
            root: project.root,
            fs: nodeFixFs,
            store: fakeStore(project.root, fail),
            checker: passAll,
            createStoreFor: 'a',
          }),
        /store (create|write) failed/,
      );
    }
  });

  it('rolls back when a rewritten file no longer parses, and skips files that did not parse before', async () => {
    const { root, plan } = sampleProject();
    const before = treeState(root);
    const breaksPython: SyntaxChecker = {
      check: async (path, text) =>
        path.endsWith('.py') && text.includes('os.environ') ? { status: 'failed', message: 'invalid syntax' } : { status: 'ok' },
    };
    await expectRolledBack(
      root,
      before,
      () => applyPlan(plan, { root, fs: nodeFixFs, store: fakeStore(root), checker: breaksPython, createStoreFor: 'a' }),
      /tools\/b.py no longer parses after rewriting \(invalid syntax\)/,
    );
    const neverParsed: SyntaxChecker = {
      check: async (path) => (path.endsWith('.py') ? { status: 'failed', message: 'broken already' } : { status: 'ok' }),
    };
    const result = await applyPlan(plan, { root, fs: nodeFixFs, store: fakeStore(root), checker: neverParsed, createStoreFor: 'a' });
    expect(result.checks.find((c) => c.path === 'tools/b.py')).toEqual({
      path: 'tools/b.py',
      before: { status: 'failed', message: 'broken already' },
    });
  });

  it('refuses a plan whose files changed since it was made, before writing anything', async () => {
    const { root, plan } = sampleProject();
    writeFileSync(join(root, 'tools/b.py'), 'T = 1\n');
    const before = treeState(root);
    await expectRolledBack(
      root,
      before,
      () => applyPlan(plan, { root, fs: nodeFixFs, store: fakeStore(root), checker: passAll, createStoreFor: 'a' }),
      /tools\/b.py changed since the plan was made/,
    );
  });
});

describe('applyPlan with the real encrypted store', () => {
  it('restores the store file and the audit trail byte for byte, or removes a store it created', async () => {
    const { root, plan } = sampleProject();
    gitInit(root);
    const key = ageKeygen(tempDir('unleak-keys-'));
    const identities = await parseIdentities(readFileSync(key.path, 'utf8'), key.path);
    const store = repositoryStore({ root, env: 'default', identities, actor: 'tester@example.com' });
    const pristine = treeState(root);
    await expectRolledBack(
      root,
      pristine,
      () => applyPlan(plan, { root, fs: failingFs('write', 2), store, checker: passAll, createStoreFor: key.recipient }),
      /injected write failure/,
    );
    expect(existsSync(join(root, '.unleak'))).toBe(false);

    const { root: second, plan: secondPlan } = sampleProject();
    gitInit(second);
    const existingStore = repositoryStore({ root: second, env: 'default', identities, actor: 'tester@example.com' });
    await existingStore.create(key.recipient);
    const before = treeState(second);
    expect(before.has('.unleak/secrets.default.sops.json')).toBe(true);
    const controller = new AbortController();
    await expectRolledBack(
      second,
      before,
      () =>
        applyPlan(secondPlan, {
          root: second,
          fs: nodeFixFs,
          store: existingStore,
          checker: passAll,
          signal: controller.signal,
          afterStep: (s) => (s === 'check-after' ? controller.abort() : undefined),
        }),
      /interrupted/,
    );
    expect((await openStore({ root: second, identities })).list()).toEqual([]);

    await applyPlan(secondPlan, { root: second, fs: nodeFixFs, store: existingStore, checker: passAll });
    const opened = await openStore({ root: second, identities });
    expect(opened.list().map((e) => [e.name, e.meta?.leaked])).toEqual([
      ['GITHUB_TOKEN', true],
      ['PRIVATE_KEY', true],
    ]);
    expect(opened.get('PRIVATE_KEY')).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n$/);
  });
});
