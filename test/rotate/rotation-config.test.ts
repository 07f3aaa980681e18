import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/rotate/duration.js';
import { graceFor, maxAgeFor, optionsFor, parseRotationSettings } from '../../src/rotate/rotation-config.js';

describe('durations', () => {
  it('parses units and plain seconds', () => {
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('45s')).toBe(45_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration(3600)).toBe(3_600_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('-1d')).toBeUndefined();
    expect(parseDuration(-5)).toBeUndefined();
  });

  it('formats rounded down to the largest unit', () => {
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(3_599_999)).toBe('59m');
    expect(formatDuration(86_399_999)).toBe('23h');
    expect(formatDuration(400 * 86_400_000)).toBe('400d');
    expect(formatDuration(-5)).toBe('0s');
  });
});

describe('rotation settings', () => {
  it('reads maxAge, grace, per-secret settings and provider options (custom modules apart)', () => {
    const settings = parseRotationSettings({
      maxAge: '90d',
      rotation: { grace: '1h', secrets: { DB: { provider: 'postgres', maxAge: '30d', grace: 0, adminUrlEnv: 'PROD_PG' } } },
      providers: { postgres: { adminUrlEnv: 'PG_ADMIN', timeoutMs: 5000 }, vault: { module: './v.mjs', team: 'x' } },
    });
    expect(settings.problems).toEqual([]);
    expect(settings.maxAgeMs).toBe(90 * 86_400_000);
    expect(settings.modules).toEqual({ vault: './v.mjs' });
    expect(settings.providerOptions.vault).toEqual({ team: 'x' });
    expect(optionsFor(settings, 'postgres', 'DB')).toEqual({ adminUrlEnv: 'PROD_PG', timeoutMs: 5000 });
    expect(optionsFor(settings, 'postgres', 'OTHER')).toEqual({ adminUrlEnv: 'PG_ADMIN', timeoutMs: 5000 });
    expect(maxAgeFor(settings, 'DB')).toBe(30 * 86_400_000);
    expect(maxAgeFor(settings, 'OTHER')).toBe(90 * 86_400_000);
    expect(graceFor(settings, 'DB')).toBe(0);
    expect(graceFor(settings, 'OTHER')).toBe(3_600_000);
  });

  it('collects every structural problem with its field', () => {
    const settings = parseRotationSettings(
      {
        maxAge: 'later',
        rotation: { grace: [], extra: 1, secrets: { A: 'x', B: { provider: 5, maxAge: 'x' } } },
        providers: { p: 3, q: { module: '' } },
      },
      '.unleak.yaml',
    );
    expect(settings.problems.map((problem) => problem.field)).toEqual([
      'maxAge',
      'rotation.extra',
      'rotation.grace',
      'rotation.secrets.A',
      'rotation.secrets.B.provider',
      'rotation.secrets.B.maxAge',
      'providers.p',
      'providers.q.module',
    ]);
    expect(settings.problems.every((problem) => problem.file === '.unleak.yaml')).toBe(true);
  });

  it('has safe defaults when nothing is configured', () => {
    const settings = parseRotationSettings({});
    expect(settings).toMatchObject({ graceMs: 0, maxAgeMs: undefined, secrets: {}, providerOptions: {}, modules: {}, problems: [] });
  });
});
