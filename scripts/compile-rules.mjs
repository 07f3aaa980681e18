// Validates rules/*.yaml through the built CLI and returns them as JSON for dist/builtin-rules.json.
import { execFileSync } from 'node:child_process';

/** JSON text of every built-in rule spec. */
export async function compileBuiltinRulesJson() {
  return execFileSync(process.execPath, ['dist/cli.js', 'rules', 'list', '--format', 'json', '--from-yaml'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}
