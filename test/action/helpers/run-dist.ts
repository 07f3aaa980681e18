import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitEnv } from './git-repo.js';

/** The bundled Action as committed (CI rebuilds it before the tests run). */
export const DIST_ACTION = resolve(import.meta.dirname, '../../../dist/action.js');

/** What a run of the bundled Action left behind. */
export interface DistRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The stdout lines that are workflow commands, in order. */
  commands: string[];
}

/** Parses `$GITHUB_OUTPUT` as the runner does: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`output ${name}: no closing delimiter ${delimiter}`);
      outputs[name] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 1) throw new Error(`not an output line: ${line}`);
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return outputs;
}

/**
 * Runs `node dist/action.js` as the runner does: in the workspace, with the event payload in a
 * file, `INPUT_*` variables, and fresh `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files.
 */
export async function runDistAction(options: {
  workspace: string;
  runnerTemp: string;
  eventName: string;
  payload: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}): Promise<DistRun> {
  const eventPath = join(options.runnerTemp, 'event.json');
  const outputPath = join(options.runnerTemp, 'output.txt');
  const summaryPath = join(options.runnerTemp, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs = {
    mode: 'auto',
    'fail-on-findings': 'true',
    'sarif-file': 'unleak.sarif',
    comment: 'true',
    baseline: '',
    config: '',
    'github-token': '',
    ...options.inputs,
  };
  const env: NodeJS.ProcessEnv = {
    ...gitEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: options.runnerTemp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
    ...options.env,
  };
  const child = spawn(process.execPath, [DIST_ACTION], { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((done) => child.on('close', done));
  return {
    exitCode,
    stdout,
    stderr,
    outputs: existsSync(outputPath) ? parseOutputFile(readFileSync(outputPath, 'utf8')) : {},
    summary: readFileSync(summaryPath, 'utf8'),
    commands: stdout.split('\n').filter((line) => line.startsWith('::')),
  };
}

/** A workflow command line split into name, properties (unescaped) and message (unescaped). */
export function parseCommand(line: string): { name: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (value: string) =>
    value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=');
        return [pair.slice(0, eq), unescape(pair.slice(eq + 1))];
      }),
  );
  return { name: match[1] as string, properties, message: unescape(match[3] ?? '') };
}
