import { describe, expect, it } from 'vitest';
import { loadRuleFiles } from '../../../src/config/builtin-rules.js';
import { compileRules, scanChunk } from '../../../src/engine/index.js';
import { envDefaultValue } from '../../../src/engine/validators/env-default.js';

const ruleSet = compileRules(loadRuleFiles().map(({ spec }) => ({ spec, engine: 'js' as const })));
const ruleIds = (text: string, path: string) => scanChunk({ text, origin: { path } }, ruleSet).map((f) => f.ruleId);

describe('env-default-value', () => {
  it('reads the variable of each lookup form and judges the default by its name', () => {
    const judge = (match: string, secret: string) => envDefaultValue({ match, secret });
    expect(judge('${DB_PASSWORD:-Hq8#mZ2', 'Hq8#mZ2')).toBe('none');
    expect(judge("process.env.JWT_SECRET ?? 'Rk9vXq2mP8wLz4Tb", 'Rk9vXq2mP8wLz4Tb')).toBe('none');
    expect(judge("import.meta.env['VITE_STRIPE_KEY'] || 'Tz9qWm2vKx8Lp4Rn7Bc3", 'Tz9qWm2vKx8Lp4Rn7Bc3')).toBe('none');
    expect(judge("getenv('MAILGUN_SECRET') ?: 'Wm4vXq8zK2pL9Rt7", 'Wm4vXq8zK2pL9Rt7')).toBe('none');
    expect(judge('os.environ.get("API_TOKEN") or "Qm7vXz2kP9wLz4Rt', 'Qm7vXz2kP9wLz4Rt')).toBe('none');
    // A secret name wants 12 random characters; a password name 6 that make a password.
    expect(judge("process.env.JWT_SECRET ?? 'Rk9vXq2m", 'Rk9vXq2m')).toBe('invalid');
    expect(judge('${POSTGRES_PASSWORD:-postgres', 'postgres')).toBe('invalid');
    // Names that hold no secret, whatever their default.
    for (const name of ['PORT', 'NODE_ENV', 'DB_HOST', 'CACHE_KEY_PREFIX'])
      expect(judge(`process.env.${name} || 'Rk9vXq2mP8wLz4Tb`, 'Rk9vXq2mP8wLz4Tb'), name).toBe('invalid');
    expect(judge("config.fallback || 'Rk9vXq2mP8wLz4Tb", 'Rk9vXq2mP8wLz4Tb')).toBe('invalid');
  });

  it('finds Compose, shell and code defaults, each once', () => {
    const compose = 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Rk9vXq2mP8wLz4Tb}\n';
    expect(ruleIds(compose, 'docker-compose.yml')).toEqual(['env-default-shell']);
    expect(ruleIds("const secret = process.env.JWT_SECRET ?? 'Rk9vXq2mP8wLz4Tb';\n", 'src/config.ts')).toEqual(['env-default-code']);
    expect(ruleIds("ENV['GITHUB_TOKEN'] ||= 'Rk9vXq2mP8wLz4TbQx7'\n", 'config/env.rb')).toEqual(['generic-token']);
    expect(ruleIds("const port = process.env.PORT || '8080';\nports: ['${PORT:-8080}:8080']\n", 'src/server.ts')).toEqual([]);
  });
});
