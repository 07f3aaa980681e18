import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRepo } from '../../helpers/cli.js';
import { randomBase62 } from '../../helpers/tokens.js';
import { cli, isolatedEnv, sha256 } from './fix-helpers.js';

/**
 * An AWS shared credentials file committed to a repository: `unleak fix` moves it out of the tree
 * into the store (as a template of its keys, each stored once), and `unleak run --file` writes it
 * back, byte for byte, where the AWS tools look for it.
 */

const awsKeyId = (): string =>
  `AKIA${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(Math.random() * 32)]).join('')}`;

describe('unleak fix: an AWS credentials file', () => {
  it('moves out of the repository and comes back through unleak run --file NAME=AWS_SHARED_CREDENTIALS_FILE', async () => {
    const credentials = `[default]\naws_access_key_id = ${awsKeyId()}\naws_secret_access_key = ${randomBase62(40)}\n`;
    const repo = tempRepo({ '.aws/credentials': credentials, 'README.md': '# app\n' });
    const env = isolatedEnv();

    const dry = await cli(['fix', '--dry-run'], repo, env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('--file AWS_CREDENTIALS=AWS_SHARED_CREDENTIALS_FILE');

    const fix = await cli(['fix', '--yes'], repo, env);
    expect(fix.code, fix.out + fix.err).toBe(0);
    expect(existsSync(join(repo, '.aws/credentials'))).toBe(false);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('/.aws/credentials\n');
    const store = JSON.parse(readFileSync(join(repo, '.unleak/secrets.default.sops.json'), 'utf8')) as Record<string, string>;
    expect(JSON.parse(store['AWS_CREDENTIALS.meta_unencrypted'] as string)).toMatchObject({ composed: true });
    expect(JSON.parse(store['AWS_SECRET_ACCESS_KEY.meta_unencrypted'] as string)).toMatchObject({ leaked: true, provider: 'aws' });

    const report = join(repo, 'seen.txt');
    const script = `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(report)}, require('crypto').createHash('sha256').update(fs.readFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE)).digest('hex'))`;
    const run = await cli(
      ['run', '--file', 'AWS_CREDENTIALS=AWS_SHARED_CREDENTIALS_FILE', '--', process.execPath, '-e', script],
      repo,
      env,
    );
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(report, 'utf8')).toBe(sha256(credentials));
  });
});
