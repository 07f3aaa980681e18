import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/index.js';
import { UnleakError, toUnleakError } from '../errors.js';
import { writeFileAtomicSync } from '../fsutil/index.js';
import { reporters, type ScanResult } from '../report/index.js';
import { DEFAULT_BASELINE, keepConfident } from '../scan/index.js';
import { gitTopLevel } from '../sources/index.js';
import { VERSION } from '../version.js';
import { ANNOTATIONS_PER_LEVEL, annotationCommands } from './annotations.js';
import { commentStep } from './comments-step.js';
import { appendSummary, writeOutputs } from './file-commands.js';
import { FETCH_DEPTH_HINT, type CheckoutGit } from './git-history.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { errorSummary, findingsSummary } from './job-summary.js';
import { resolvePlan } from './resolve-plan.js';
import { defaultScanner, type Scanner } from './scan-runner.js';
import { planScan, pullRequestOf, type EventPayload } from './scan-plan.js';
import { logLine, logTextWriter } from './log-lines.js';
import { annotationCommand, maskCommands } from './workflow-commands.js';
import { configuredHosts, verifyScanResult } from '../verify/index.js';

/** What the Action touches besides its environment; tests pass their own fetch or scanner. */
export interface ActionIo {
  /** Writes to the step log (stdout), where the runner reads workflow commands. */
  write: (text: string) => void;
  cwd: string;
  fetch?: typeof fetch;
  scanner?: Scanner;
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch (error) {
    throw new UnleakError('UNLEAK_ACTION_EVENT', `cannot read the event payload ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function writeSarif(result: ScanResult, file: string, root: string): void {
  writeFileAtomicSync(resolve(root, file), reporters.sarif(result, { reveal: false, color: false, toolVersion: VERSION }), {
    createDir: true,
  });
}

/**
 * The GitHub Action: reads the event, scans what it brought (fetching history a shallow checkout
 * lacks), masks every secret found before any other line reaches the log, then writes the SARIF
 * file, annotations, the job summary, pull request comments and the step outputs. Returns 1 for
 * findings (with `fail-on-findings`) and for any error, else 0.
 */
export async function runAction(env: NodeJS.ProcessEnv, io: ActionIo): Promise<number> {
  const held: string[] = [];
  let holding = true;
  const write = (text: string) => (holding ? held.push(text) : io.write(text));
  const release = () => {
    holding = false;
    if (held.length) io.write(held.splice(0).join(''));
  };
  const out = (line: string) => write(`${logLine(line)}\n`);
  const command = (line: string) => write(`${line}\n`);
  const root = env.GITHUB_WORKSPACE || io.cwd;
  const repository = env.GITHUB_REPOSITORY;
  const repoUrl = repository ? `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${repository}` : undefined;
  const git: CheckoutGit = { cwd: root, env, log: (line) => out(`unleak: ${line}`) };
  let inputs: ActionInputs | undefined;
  let scanned: string | undefined;
  let result: ScanResult | undefined;
  let sarifWritten = false;
  let summaryWritten = false;
  try {
    inputs = readInputs(env);
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const payload = readEvent(env.GITHUB_EVENT_PATH);
    const plan = planScan(inputs.mode, eventName, payload, repository);
    if (plan.kind !== 'files' && !(await gitTopLevel(root, env)))
      throw new UnleakError('UNLEAK_NOT_A_REPO', `no git repository at ${root}`, {
        hint: `Check the repository out first (actions/checkout). ${FETCH_DEPTH_HINT}`,
      });
    const request = await resolvePlan(plan, git);
    scanned = request.label;
    out(`unleak ${VERSION}: scanning ${scanned}`);
    const absolute = (file: string | undefined) => (file ? resolve(root, file) : undefined);
    const baseline = inputs.baseline ?? (existsSync(join(root, DEFAULT_BASELINE)) ? DEFAULT_BASELINE : undefined);
    const scanLog = logTextWriter(write);
    try {
      result = await (io.scanner ?? defaultScanner)(request, {
        root,
        config: absolute(inputs.config),
        baseline: absolute(baseline),
        env,
        skipUnreadable: inputs.skipUnreadable,
        output: scanLog.write,
      });
    } finally {
      scanLog.flush();
    }
    for (const finding of result.findings) for (const mask of maskCommands(finding.secret)) io.write(`${mask}\n`);
    release();
    result = keepConfident(result, inputs.minConfidence ?? loadConfig(root, absolute(inputs.config)).config.minConfidence ?? 'low');
    if (inputs.verify)
      result = await verifyScanResult(result, { verify: true }, { extraHosts: configuredHosts(root, absolute(inputs.config)), env });
    for (const note of result.notes) out(`unleak: note: ${note}`);
    writeSarif(result, inputs.sarifFile, root);
    sarifWritten = true;
    for (const line of annotationCommands(result.findings)) command(line);
    const count = result.findings.length;
    const comments = await commentStep(result, {
      inputs,
      pullRequest: pullRequestOf(eventName, payload, repository),
      repository,
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      repoUrl,
      git,
      fetch: io.fetch,
      out,
      command,
    });
    const notes = [
      ...(count > ANNOTATIONS_PER_LEVEL
        ? [`GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of a level per step: the table above lists every finding.`]
        : []),
      ...(count && !inputs.failOnFindings ? ['fail-on-findings is false: this step passes despite the findings.'] : []),
      ...(comments.note ? [comments.note] : []),
    ];
    appendSummary(
      env.GITHUB_STEP_SUMMARY,
      findingsSummary({ scanned, findings: result.findings, stats: result.stats, repoUrl, sarifFile: inputs.sarifFile, baseline, notes }),
    );
    summaryWritten = true;
    if (comments.error) throw comments.error;
    out(`unleak: ${count} secret${count === 1 ? '' : 's'} found; SARIF written to ${inputs.sarifFile}`);
    writeOutputs(env.GITHUB_OUTPUT, { findings: String(count), 'sarif-file': inputs.sarifFile, result: count ? 'findings' : 'clean' });
    return count && inputs.failOnFindings ? 1 : 0;
  } catch (caught) {
    const error = toUnleakError(caught);
    release();
    command(
      annotationCommand('error', `${error.code}: ${error.message}${error.hint ? ` (${error.hint})` : ''}`, {
        title: 'unleak: the scan failed',
      }),
    );
    try {
      if (!summaryWritten) appendSummary(env.GITHUB_STEP_SUMMARY, errorSummary(error, scanned));
      writeOutputs(env.GITHUB_OUTPUT, {
        result: 'error',
        ...(result ? { findings: String(result.findings.length) } : {}),
        ...(sarifWritten && inputs ? { 'sarif-file': inputs.sarifFile } : {}),
      });
    } catch (secondary) {
      out(`unleak: could not write the step outputs: ${(secondary as Error).message}`);
    }
    return 1;
  }
}
