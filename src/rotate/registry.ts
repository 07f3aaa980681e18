import { ConfigError, type Problem } from '../errors.js';
import type { RotationProvider, RotationSubject } from './provider-types.js';
import { loadCustomProvider } from './custom-provider.js';
import { awsIamProvider } from './providers/aws-iam-provider.js';
import { commandProvider } from './providers/command-provider.js';
import { githubProvider } from './providers/github-provider.js';
import { mysqlProvider } from './providers/mysql-provider.js';
import { npmProvider } from './providers/npm-provider.js';
import { postgresProvider } from './providers/postgres-provider.js';
import { rabbitmqProvider } from './providers/rabbitmq-provider.js';
import { redisProvider } from './providers/redis-provider.js';
import { slackProvider } from './providers/slack-provider.js';
import { stripeProvider } from './providers/stripe-provider.js';
import { webhookProvider } from './providers/webhook-provider.js';
import { optionsFor, type RotationSettings } from './rotation-config.js';

/**
 * The built-in providers by id (DESIGN.md §3), and the registry a rotation run uses: these plus
 * the custom providers `.unleak.yaml` names by module path.
 */
export const builtinProviders = {
  postgres: postgresProvider,
  mysql: mysqlProvider,
  redis: redisProvider,
  rabbitmq: rabbitmqProvider,
  command: commandProvider,
  webhook: webhookProvider,
  github: githubProvider,
  'aws-iam': awsIamProvider,
  stripe: stripeProvider,
  slack: slackProvider,
  npm: npmProvider,
} satisfies Record<string, RotationProvider>;

/** The id of a built-in provider. */
export type BuiltinProviderId = keyof typeof builtinProviders;

/** Aliases accepted where a provider id is expected (store metadata, rule files). */
const ALIASES: Record<string, BuiltinProviderId> = { aws: 'aws-iam', mariadb: 'mysql', postgresql: 'postgres', amqp: 'rabbitmq' };

/** The provider for each connection-string scheme `unleak fix` records in `meta.target.scheme`. */
const SCHEME_PROVIDERS: Record<string, BuiltinProviderId> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  redis: 'redis',
  rediss: 'redis',
  amqp: 'rabbitmq',
  amqps: 'rabbitmq',
};

/** The providers of one run, with their options from the config. */
export class ProviderRegistry {
  constructor(
    private readonly providers: Map<string, RotationProvider>,
    readonly settings: RotationSettings,
  ) {}

  /** Every provider, custom ones first (they are tried first when matching by shape). */
  all(): RotationProvider[] {
    return [...this.providers.values()];
  }

  /** The provider with this id (or alias), if any. */
  get(id: string): RotationProvider | undefined {
    return this.providers.get(id) ?? this.providers.get(ALIASES[id] ?? '');
  }

  /**
   * The provider for a store entry: `rotation.secrets.<NAME>.provider`, else the provider recorded
   * in the store, else the first whose `matches` accepts the entry (custom providers first).
   * Returns a reason when there is none.
   */
  resolve(subject: RotationSubject): { provider: RotationProvider; how: 'config' | 'store' | 'detected' } | { reason: string } {
    const configured = this.settings.secrets[subject.name]?.provider;
    if (configured !== undefined) {
      const provider = this.get(configured);
      return provider
        ? { provider, how: 'config' }
        : { reason: `rotation.secrets.${subject.name}.provider names an unknown provider "${configured}"` };
    }
    if (subject.provider !== undefined) {
      const provider = this.get(subject.provider);
      if (provider) return { provider, how: 'store' };
    }
    const scheme = subject.target?.scheme?.toLowerCase();
    const byScheme = scheme === undefined ? undefined : this.get(SCHEME_PROVIDERS[scheme] ?? '');
    if (byScheme) return { provider: byScheme, how: 'detected' };
    const detected = this.all().find((provider) => provider.matches(subject));
    if (detected) return { provider: detected, how: 'detected' };
    if (subject.provider !== undefined)
      return {
        reason: `unleak has no rotation provider for "${subject.provider}": rotate it there by hand, or add a custom provider (docs/rotate.md)`,
      };
    return { reason: 'no provider recognises it: set rotation.secrets.<NAME>.provider in .unleak.yaml' };
  }

  /**
   * The options for an entry, validated by its provider (throws a ConfigError naming the fields).
   * `defaults` (e.g. a `url` built from the entry's recorded target) apply where the config is silent.
   */
  optionsFor(provider: RotationProvider, name: string, defaults: Record<string, unknown> = {}): Record<string, unknown> {
    const parsed = provider.options.safeParse({ ...defaults, ...optionsFor(this.settings, provider.id, name) });
    if (parsed.success) return parsed.data;
    const field = this.settings.secrets[name] ? `rotation.secrets.${name}` : `providers.${provider.id}`;
    throw new ConfigError(
      'UNLEAK_CONFIG_INVALID',
      parsed.error.issues.map((issue) => ({
        file: this.settings.file,
        field: [field, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
}

/**
 * Builds the registry: the built-ins plus each custom module (loaded from `cwd`). Checks every
 * `providers.<id>` and `rotation.secrets.<NAME>` section against its provider, and throws one
 * ConfigError with these problems and the structural ones parseRotationSettings found.
 */
export async function loadProviderRegistry(settings: RotationSettings, cwd: string): Promise<ProviderRegistry> {
  const providers = new Map<string, RotationProvider>();
  const problems: Problem[] = [...settings.problems];
  for (const [id, modulePath] of Object.entries(settings.modules)) {
    if (id in builtinProviders || id in ALIASES) {
      problems.push({
        file: settings.file,
        field: `providers.${id}.module`,
        message: `"${id}" is a built-in provider; give your module another name`,
      });
      continue;
    }
    providers.set(id, await loadCustomProvider(id, modulePath, cwd));
  }
  for (const [id, provider] of Object.entries(builtinProviders)) providers.set(id, provider);
  for (const [id, options] of Object.entries(settings.providerOptions)) {
    const provider = providers.get(id);
    if (!provider) {
      problems.push({
        file: settings.file,
        field: `providers.${id}`,
        message: `unknown provider (built-in: ${Object.keys(builtinProviders).join(', ')}; or give a module path)`,
      });
      continue;
    }
    const parsed = provider.options.safeParse(options);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push({ file: settings.file, field: ['providers', id, ...issue.path.map(String)].join('.'), message: issue.message });
  }
  for (const [name, secret] of Object.entries(settings.secrets)) {
    if (secret.provider === undefined) continue;
    const provider = providers.get(secret.provider) ?? providers.get(ALIASES[secret.provider] ?? '');
    if (!provider) {
      problems.push({ file: settings.file, field: `rotation.secrets.${name}.provider`, message: `unknown provider "${secret.provider}"` });
      continue;
    }
    const parsed = provider.options.safeParse(optionsFor(settings, provider.id, name));
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push({
          file: settings.file,
          field: ['rotation', 'secrets', name, ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
  }
  if (problems.length) throw new ConfigError('UNLEAK_CONFIG_INVALID', problems);
  return new ProviderRegistry(providers, settings);
}
