import { loadConfig, loadRuleFiles } from '../../config/index.js';
import { UnleakError } from '../../errors.js';
import type { RuleSpec } from '../../engine/index.js';
import type { CliIo } from '../io.js';

/** `unleak rules list`: the rules in effect, as a table or as JSON specs. */
export async function rulesListHandler(options: { format: string; config?: string; fromYaml?: boolean }, io: CliIo): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json')
    throw new UnleakError('UNLEAK_USAGE', `unknown format "${options.format}" (text or json)`);
  const rules: RuleSpec[] = options.fromYaml
    ? loadRuleFiles().map((r) => r.spec)
    : loadConfig(io.cwd, options.config).rules.map((r) => r.spec);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(rules)}\n`);
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length), 2);
  io.stdout(`${'ID'.padEnd(width)}  ${'SEVERITY'.padEnd(8)}  VALIDATOR              TITLE\n`);
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    io.stdout(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${(rule.validator ?? '-').padEnd(21)}  ${rule.title}\n`);
  }
  io.stdout(`${rules.length} rules\n`);
  return 0;
}
