import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../src/engine/index.js';
import { runCli, tempRepo } from '../helpers/cli.js';

const MATCHES = 200_000;

/** `count` distinct random values (lower-case base36, 16 characters) the engine does not take for placeholders. */
function randomValues(count: number): string[] {
  const values = new Set<string>();
  while (values.size < count) {
    const value = [...randomBytes(16)].map((byte) => (byte % 36).toString(36)).join('');
    if (!isPlaceholder(value)) values.add(value);
  }
  return [...values];
}

describe('a scan of a file with 200,000 findings', () => {
  it('reports every one and exits 1 (no stack overflow, no exit 2)', async () => {
    const values = randomValues(MATCHES);
    const repo = tempRepo({
      '.unleak.yaml': [
        'extends: none',
        'rules:',
        '  - id: acme-key',
        '    title: Acme key',
        '    description: d',
        '    severity: high',
        '    keywords: [acme=]',
        '    pattern: "acme=([a-z0-9]{16})"',
        '    secretGroup: 1',
      ].join('\n'),
      'keys.env': `${values.map((value) => `acme=${value}`).join('\n')}\n`,
    });
    const result = await runCli(['scan', '.', '--format', 'json'], repo);
    expect(result.stderr).not.toContain('UNLEAK_INTERNAL');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toHaveLength(MATCHES);
  }, 120_000);
});
