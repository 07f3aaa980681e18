import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnleakError } from '../../src/errors.js';
import {
  fingerprintKeyId,
  keyedFingerprint,
  legacyFingerprint,
  resolveFingerprintSalt,
  SALT_FILE,
  secretSha256,
} from '../../src/filters/index.js';
import { gitIn, tempRepo, tempTree } from '../helpers/cli.js';
import { githubToken } from '../helpers/tokens.js';

const saltOf = (root: string) => resolveFingerprintSalt(root);

describe('keyed fingerprints', () => {
  it('are an HMAC of rule, path and secret under the key: no line, no plain hash of the secret', () => {
    const token = githubToken();
    const key = Buffer.alloc(32, 7);
    const print = keyedFingerprint(key, 'github-classic-pat', 'a.env', token);
    expect(print).toMatch(/^github-classic-pat:v2:[0-9a-f]{32}$/);
    expect(keyedFingerprint(key, 'github-classic-pat', 'a.env', token)).toBe(print);
    expect(keyedFingerprint(Buffer.alloc(32, 8), 'github-classic-pat', 'a.env', token)).not.toBe(print);
    expect(keyedFingerprint(key, 'github-classic-pat', 'b.env', token)).not.toBe(print);
    expect(keyedFingerprint(key, 'github-oauth-token', 'a.env', token)).not.toBe(print);
    expect(print).not.toContain(secretSha256(token).slice(0, 32));
    expect(print).not.toBe(legacyFingerprint('github-classic-pat', 'a.env', token));
    expect(fingerprintKeyId(key)).not.toContain(key.toString('hex').slice(0, 16));
  });
});

describe('the fingerprint salt', () => {
  it('comes from .unleak/fingerprint-salt when there is one, and rejects a damaged one (exit 2)', () => {
    const root = tempTree({ [SALT_FILE]: `# comment\n${'ab'.repeat(32)}\n` });
    expect(saltOf(root)).toEqual({ key: Buffer.from('ab'.repeat(32), 'hex'), source: 'file' });
    writeFileSync(join(root, SALT_FILE), 'not hex\n');
    const error = (() => {
      try {
        saltOf(root);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnleakError);
    expect((error as UnleakError).code).toBe('UNLEAK_FINGERPRINT_SALT_INVALID');
  });

  it('is derived from the root commit in a repository without one: the same in every clone, nothing written', () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    const first = saltOf(repo);
    expect(first.source).toBe('repository');
    const clone = join(tempTree(), 'clone');
    gitIn(repo, 'clone', '-q', repo, clone);
    expect(saltOf(clone).key.equals(first.key)).toBe(true);
    expect(saltOf(tempRepo({ 'b.txt': 'b\n' })).key.equals(first.key)).toBe(false);
    expect(() => readFileSync(join(repo, SALT_FILE))).toThrow();
  });

  it('is one-off in a folder that is not a repository, or a shallow clone, unless a baseline command writes one', () => {
    const plain = tempTree({ 'a.txt': 'a\n' });
    expect(saltOf(plain).source).toBe('one-off');
    expect(saltOf(plain).key.equals(saltOf(plain).key)).toBe(true);
    const upstream = tempRepo({ 'a.txt': 'a\n' });
    gitIn(upstream, 'commit', '-q', '--allow-empty', '-m', 'second');
    const shallow = join(tempTree(), 'shallow');
    gitIn(upstream, 'clone', '-q', '--depth', '1', `file://${upstream}`, shallow);
    expect(saltOf(shallow).source).toBe('one-off');
    const created = resolveFingerprintSalt(plain, { create: true });
    expect(created.source).toBe('created');
    expect(readFileSync(join(plain, SALT_FILE), 'utf8')).toContain(created.key.toString('hex'));
    expect(saltOf(plain)).toEqual({ key: created.key, source: 'file' });
  });

  it("written in a repository, keeps the repository's key so fingerprints do not change", () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    const derived = saltOf(repo);
    const written = resolveFingerprintSalt(repo, { create: true });
    expect(written.source).toBe('created');
    expect(written.key.equals(derived.key)).toBe(true);
  });

  it('cannot be written where .unleak is not a folder: one-off, and nothing thrown', () => {
    const plain = tempTree({ '.unleak': 'a file, not a folder\n' });
    expect(resolveFingerprintSalt(plain, { create: true }).source).toBe('one-off');
  });

  it('is read from HEAD in a bare mirror, so an audit of the mirror keys fingerprints like the work tree', () => {
    const repo = tempRepo({ 'a.txt': 'a\n' });
    mkdirSync(join(repo, '.unleak'));
    writeFileSync(join(repo, SALT_FILE), `${'cd'.repeat(32)}\n`);
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-qm', 'salt');
    const mirror = join(tempTree(), 'mirror.git');
    gitIn(repo, 'clone', '-q', '--mirror', repo, mirror);
    expect(saltOf(mirror)).toEqual({ key: Buffer.from('cd'.repeat(32), 'hex'), source: 'head' });
  });
});
