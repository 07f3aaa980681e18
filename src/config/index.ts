export { loadConfig, CONFIG_FILE_NAMES, type ResolvedConfig } from './load-config.js';
export { configSchema, parseSize, type UnleakConfig } from './config-schema.js';
export { loadBuiltinRules, loadRuleFiles, type LoadedRule } from './builtin-rules.js';
export { packageRoot } from './package-root.js';
