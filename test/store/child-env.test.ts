import { describe, expect, it } from 'vitest';
import { childEnvironment, IDENTITY_VARIABLES, isSensitiveEnvName } from '../../src/store/index.js';

/** The one list of variables no child process gets (`unleak run`, rotation scripts, rabbitmqctl). */

describe('childEnvironment', () => {
  const sensitive = [
    ...IDENTITY_VARIABLES,
    'UNLEAK_AGE_KEY_FILE',
    'UNLEAK_AGE_KEY',
    'UNLEAK_WEBHOOK_SECRET',
    'UNLEAK_POSTGRES_ADMIN_URL',
    'UNLEAK_AWS_ADMIN_ACCESS_KEY_ID',
    'UNLEAK_AWS_ADMIN_SESSION_TOKEN',
    'unleak_age_key_file',
  ];

  it('drops every identity, key and admin credential, whatever the caller keeps', () => {
    const parent = Object.fromEntries([...sensitive, 'PATH', 'UNLEAK_ENV', 'SOPS_CONFIG_DIR'].map((name) => [name, `value-of-${name}`]));
    const env = childEnvironment(parent);
    expect(Object.keys(env).sort()).toEqual(['PATH', 'SOPS_CONFIG_DIR', 'UNLEAK_ENV']);
    for (const name of sensitive) expect(isSensitiveEnvName(name), name).toBe(true);
  });

  it('keeps only what `keep` accepts, then sets the added layers in order, whatever their names', () => {
    const env = childEnvironment(
      { PATH: '/bin', OTHER: 'x', SOPS_AGE_KEY: 'k' },
      {
        keep: (name) => name === 'PATH',
        add: [
          [
            ['A', '1'],
            ['SOPS_AGE_KEY', 'stored on purpose'],
          ],
          [['A', '2']],
        ],
      },
    );
    expect(env).toEqual({ PATH: '/bin', A: '2', SOPS_AGE_KEY: 'stored on purpose' });
  });
});
