/**
 * src/config: settings and rules. `loadConfig(root, file?)` reads `.unleak.yaml` / `.unleak.yml`,
 * checks it against `configSchema` (every problem at once: UNLEAK_CONFIG_INVALID) and returns the
 * rules to compile: the built-in ones (`loadBuiltinRules`: dist/builtin-rules.json, else
 * rules/*.yaml through `loadRuleFiles`) minus `disabledRules`, plus the user's, which run on RE2.
 *
 * `config-defaults.ts` holds what a scan without a config file needs (defaults, the compiled
 * built-in rules, `parseSize`) without zod or the YAML parser: the scan path imports that file
 * directly, since this door loads both.
 *
 * Imports src/engine only (rule schema, RE2 checks); never cli, sources, store, fix, rotate,
 * action, report, scan or verify (eslint.config.js). This file is the room's door.
 */

export { loadConfig, type ResolvedConfig } from './load-config.js';
export { configSchema, type UnleakConfig } from './config-schema.js';
export { CONFIG_FILE_NAMES, parseSize, configFileIn, defaultConfig, compiledRulesFile, compiledBuiltinRules } from './config-defaults.js';
export { loadBuiltinRules, loadRuleFiles, type LoadedRule } from './builtin-rules.js';
export { packageRoot } from './package-root.js';
