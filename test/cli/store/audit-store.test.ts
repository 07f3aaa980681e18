import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdentities } from '../../../src/store/index.js';
import { encodeStoreFile, readStoreFile } from '../../../src/store/store-file.js';
import { ageKeygen, randomValue, tempDir } from '../../store/helpers.js';
import { cliRepo, type CliRepo } from './cli-helpers.js';

/**
 * Issue 11: `audit verify` checks each store file against the audit trail: a replaced store (an
 * attacker's key plus a valid `init` entry, or a freshly rebuilt log), a tampered file (values
 * edited, added or removed), recipients added without a recorded change, and a rolled-back file
 * all fail with a code; recorded recipient changes are listed with who made them and when.
 */

const storePath = (repo: CliRepo, env = 'default'): string => join(repo.root, '.unleak', `secrets.${env}.sops.json`);
const logPath = (repo: CliRepo): string => join(repo.root, '.unleak', 'audit.jsonl');

async function populated(): Promise<CliRepo> {
  const repo = cliRepo();
  expect((await repo.cli(['store', 'init'])).code).toBe(0);
  for (const name of ['API_KEY', 'DB_PASSWORD', 'SMTP_TOKEN'])
    expect((await repo.cli(['secrets', 'set', name], { stdin: randomValue() })).code).toBe(0);
  return repo;
}

async function verify(repo: CliRepo, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  return repo.cli(['audit', 'verify'], { env });
}

function editStore(repo: CliRepo, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(storePath(repo), 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(storePath(repo), JSON.stringify(json, null, 4));
}

function commitAll(repo: CliRepo, message: string): void {
  execFileSync('git', ['add', '-A'], { cwd: repo.root });
  execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], {
    cwd: repo.root,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

describe('audit verify: store files against the log', () => {
  it('passes an intact history and lists each recipient change with who made it and when', async () => {
    const repo = await populated();
    const colleague = ageKeygen(tempDir(), 'colleague.txt');
    expect((await repo.cli(['store', 'recipients', 'add', colleague.recipient])).code).toBe(0);
    expect((await repo.cli(['store', 'recipients', 'remove', colleague.recipient])).code).toBe(0);
    const result = await verify(repo);
    expect(result.code).toBe(0);
    expect(result.out).toBe('audit trail intact: 6 entries\n');
    expect(result.err).toMatch(new RegExp(`recipients set, line 1: init ${repo.key.recipient} by tester@example.com at \\d{4}-`));
    expect(result.err).toMatch(new RegExp(`recipients set, line 5: recipient-add ${colleague.recipient} by tester@example.com at \\d{4}-`));
    expect(result.err).toMatch(new RegExp(`recipients set, line 6: recipient-remove ${colleague.recipient} by tester@example.com`));
    const last = JSON.parse(readFileSync(logPath(repo), 'utf8').trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    expect(last.storeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(last.recipientsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects a store re-encrypted to an attacker's key that explains itself with a valid init entry", async () => {
    const repo = await populated();
    const attacker = ageKeygen(tempDir(), 'attacker.txt');
    const copy = tempDir('unleak-attacker-');
    cpSync(repo.root, copy, { recursive: true });
    rmSync(join(copy, '.unleak', 'secrets.default.sops.json'));
    const init = await repo.cli(['store', 'init', '--recipient', attacker.recipient], {
      cwd: copy,
      env: { UNLEAK_AGE_KEY_FILE: attacker.path },
    });
    expect(init.code).toBe(0);
    await repo.cli(['secrets', 'set', 'API_KEY'], { cwd: copy, stdin: 'attacker-controlled', env: { UNLEAK_AGE_KEY_FILE: attacker.path } });
    cpSync(join(copy, '.unleak'), join(repo.root, '.unleak'), { recursive: true });
    const withoutKey = await verify(repo, { UNLEAK_AGE_KEY_FILE: undefined });
    expect(withoutKey.code).toBe(1);
    expect(withoutKey.out).toContain(
      `UNLEAK_STORE_REINITIALISED: .unleak/secrets.default.sops.json: line 5: init ${attacker.recipient} by tester@example.com at`,
    );
    expect(withoutKey.out).toContain(`(first line 1: init ${repo.key.recipient} by tester@example.com at`);
    expect(withoutKey.out).not.toContain('audit trail intact');
  });

  it('only warns about an init repeated right after an interrupted one', async () => {
    const repo = cliRepo();
    expect((await repo.cli(['store', 'init'])).code).toBe(0);
    rmSync(storePath(repo));
    expect((await repo.cli(['store', 'init'])).code).toBe(0);
    const result = await verify(repo);
    expect(result.code).toBe(0);
    expect(result.err).toContain('initialised it again right after line 1: init');
    await repo.cli(['secrets', 'set', 'API_KEY'], { stdin: randomValue() });
    rmSync(storePath(repo));
    expect((await repo.cli(['store', 'init'])).code).toBe(0);
    expect((await verify(repo)).out).toContain('UNLEAK_STORE_REINITIALISED: .unleak/secrets.default.sops.json: line 4: init');
  });

  it('rejects a log rebuilt from scratch for a replaced store, by its git history', async () => {
    const repo = await populated();
    commitAll(repo, 'store');
    const attacker = ageKeygen(tempDir(), 'attacker.txt');
    rmSync(join(repo.root, '.unleak', 'secrets.default.sops.json'));
    rmSync(logPath(repo));
    expect(
      (await repo.cli(['store', 'init', '--recipient', attacker.recipient], { env: { UNLEAK_AGE_KEY_FILE: attacker.path } })).code,
    ).toBe(0);
    const uncommitted = await verify(repo);
    expect(uncommitted.code).toBe(1);
    expect(uncommitted.out).toContain(
      'UNLEAK_AUDIT_REWRITTEN: .unleak/audit.jsonl: the working copy does not start with the committed log',
    );
    commitAll(repo, 'replace the store');
    const committed = await verify(repo);
    expect(committed.code).toBe(1);
    expect(committed.out).toMatch(/UNLEAK_AUDIT_REWRITTEN: \.unleak\/audit\.jsonl: commit [0-9a-f]{12} rewrote the log/);
    expect(committed.err).toContain('MAC not checked: none of your identities can decrypt it');
  });

  it('accepts a committed history that only appends', async () => {
    const repo = await populated();
    commitAll(repo, 'one');
    await repo.cli(['secrets', 'set', 'LATER'], { stdin: randomValue() });
    commitAll(repo, 'two');
    await repo.cli(['secrets', 'rm', 'LATER']);
    expect(await verify(repo)).toMatchObject({ code: 0, out: 'audit trail intact: 6 entries\n' });
  });

  it('detects a tampered store file: a value edited, added, removed, or its metadata changed', async () => {
    const repo = await populated();
    const original = readFileSync(storePath(repo), 'utf8');
    const edits: Array<[string, (json: Record<string, unknown>) => void]> = [
      ['value swapped', (json) => ([json.API_KEY, json.DB_PASSWORD] = [json.DB_PASSWORD, json.API_KEY])],
      ['value removed', (json) => delete json.SMTP_TOKEN],
      ['value added', (json) => (json.EXTRA = json.API_KEY)],
      ['metadata edited', (json) => (json['API_KEY.meta_unencrypted'] = JSON.stringify({ createdAt: '2001-01-01T00:00:00.000Z' }))],
    ];
    for (const [what, edit] of edits) {
      editStore(repo, edit);
      for (const env of [{}, { UNLEAK_AGE_KEY_FILE: undefined }]) {
        const result = await verify(repo, env);
        expect(result.code, what).toBe(1);
        expect(result.out, what).toContain(
          'UNLEAK_STORE_TAMPERED: .unleak/secrets.default.sops.json: its values differ from those recorded at line 4',
        );
      }
      writeFileSync(storePath(repo), original);
    }
    expect((await verify(repo)).code).toBe(0);
  });

  it('detects a MAC that no longer matches (with an identity) even when the values are untouched', async () => {
    const repo = await populated();
    editStore(repo, (json) => ((json.sops as { lastmodified: string }).lastmodified = '2001-01-01T00:00:00Z'));
    const result = await verify(repo);
    expect(result.code).toBe(1);
    expect(result.out).toContain('UNLEAK_STORE_TAMPERED: .unleak/secrets.default.sops.json: MAC mismatch');
    expect(result.out).not.toContain('its values differ');
    const withoutKey = await verify(repo, { UNLEAK_AGE_KEY_FILE: undefined });
    expect(withoutKey.err).toContain("no age identity: the stores' MACs were not checked");
  });

  it('detects a recipient added outside unleak (no log entry)', async () => {
    const repo = await populated();
    const intruder = ageKeygen(tempDir(), 'intruder.txt');
    const identities = await parseIdentities(readFileSync(repo.key.path, 'utf8'), repo.key.path);
    const store = await readStoreFile(storePath(repo), identities);
    store.state.recipients.push(intruder.recipient);
    writeFileSync(storePath(repo), await encodeStoreFile(store));
    const result = await verify(repo);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `UNLEAK_STORE_RECIPIENTS_UNRECORDED: .unleak/secrets.default.sops.json: its recipients differ from the audit trail: added without a recorded change: ${intruder.recipient}`,
    );
  });

  it('detects a store file rolled back past a recipient removal, and warns on one interrupted write', async () => {
    const repo = await populated();
    const before = readFileSync(storePath(repo), 'utf8');
    await repo.cli(['secrets', 'set', 'ONE_MORE'], { stdin: randomValue() });
    writeFileSync(storePath(repo), before);
    const interrupted = await verify(repo);
    expect(interrupted.code).toBe(0);
    expect(interrupted.err).toContain('the last change in the log (line 5: set by tester@example.com');
    const colleague = ageKeygen(tempDir(), 'colleague.txt');
    await repo.cli(['store', 'recipients', 'add', colleague.recipient]);
    const withColleague = readFileSync(storePath(repo), 'utf8');
    await repo.cli(['store', 'recipients', 'remove', colleague.recipient]);
    writeFileSync(storePath(repo), withColleague);
    const rolledBack = await verify(repo);
    expect(rolledBack.code).toBe(1);
    expect(rolledBack.out).toContain('UNLEAK_STORE_ROLLED_BACK: .unleak/secrets.default.sops.json: the file is older than the log');
    expect(rolledBack.out).toContain(
      `UNLEAK_STORE_RECIPIENTS_UNRECORDED: .unleak/secrets.default.sops.json: its recipients differ from the audit trail: added without a recorded change: ${colleague.recipient}`,
    );
  });
});
