import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MODES, readInputs } from '../../src/action/inputs.js';

const repo = resolve(import.meta.dirname, '../..');
const action = parse(readFileSync(resolve(repo, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
};
const docs = readFileSync(resolve(repo, 'docs/action.md'), 'utf8');
const INPUTS = [
  'mode',
  'fail-on-findings',
  'sarif-file',
  'comment',
  'baseline',
  'config',
  'github-token',
  'skip-unreadable',
  'verify',
  'min-confidence',
];
const OUTPUTS = ['findings', 'sarif-file', 'result'];

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
    expect(existsSync(resolve(repo, action.runs.main))).toBe(true);
  });
  it('declares every input, documented, with the defaults the code applies', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS);
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(20);
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    const fromYaml = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [
        `INPUT_${name.toUpperCase()}`,
        name === 'github-token' ? 't' : (input.default ?? ''),
      ]),
    );
    expect(readInputs(fromYaml)).toEqual({ ...readInputs({}), githubToken: 't' });
    for (const mode of MODES) expect(action.inputs.mode?.description).toContain(`\`${mode}\``);
  });
  it('declares the outputs', () => {
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS);
  });
});

describe('docs/action.md', () => {
  const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
    (m) =>
      parse(m[1]!) as {
        on: Record<string, unknown>;
        permissions: Record<string, string>;
        jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
      },
  );
  it('documents every input and output', () => {
    for (const name of [...INPUTS, ...OUTPUTS]) expect(docs).toContain(`| \`${name}\` |`);
  });
  it('has the three workflows: pull requests and pushes with fetch-depth 0, a scheduled audit, a SARIF upload', () => {
    expect(blocks).toHaveLength(3);
    const [guard, audit, sarif] = blocks;
    for (const workflow of blocks) {
      const steps = Object.values(workflow.jobs)[0]!.steps;
      expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v5', with: { 'fetch-depth': 0 } });
      const ours = steps.find((step) => step.uses?.startsWith('unleak/unleak@'));
      expect(ours).toBeDefined();
      for (const input of Object.keys(ours?.with ?? {})) expect(INPUTS).toContain(input);
    }
    expect(Object.keys(guard!.on)).toEqual(['pull_request', 'push']);
    expect(guard!.permissions).toMatchObject({ 'pull-requests': 'write' });
    expect(Object.keys(audit!.on)).toContain('schedule');
    const upload = Object.values(sarif!.jobs)[0]!.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ steps.unleak.outputs.sarif-file }}');
    expect(sarif!.permissions).toMatchObject({ 'security-events': 'write' });
  });
});
