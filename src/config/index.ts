/**
 * src/config: settings and rules. `loadConfig(root, file?)` reads `.unleak.yaml` / `.unleak.yml`,
 * checks it against `configSchema` (every problem at once: UNLEAK_CONFIG_INVALID) and returns the
 * rules to compile: the built-in ones (`loadBuiltinRules`: dist/builtin-rules.json, else
 * rules/*.yaml through `loadRuleFiles`) minus `disabledRules`, plus the user's, which run on RE2.
 *
 * Imports src/engine only (rule schema, RE2 checks); never cli, sources, store, fix, rotate,
 * action, report, scan or verify (eslint.config.js). This file is the room's door.
 */

export { loadConfig, CONFIG_FILE_NAMES, type ResolvedConfig } from './load-config.js';
export { configSchema, parseSize, type UnleakConfig } from './config-schema.js';
export { loadBuiltinRules, loadRuleFiles, type LoadedRule } from './builtin-rules.js';
export { packageRoot } from './package-root.js';
