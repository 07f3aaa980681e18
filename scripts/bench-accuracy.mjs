#!/usr/bin/env node
// npm run bench:accuracy: bundles scripts/accuracy/main.ts with esbuild and runs it.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

if (!existsSync('dist/cli.js')) execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
await build({
  entryPoints: ['scripts/accuracy/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: '.bench/accuracy.mjs',
  packages: 'external',
  logLevel: 'warning',
});
process.argv.splice(2, 0, process.cwd());
await import(pathToFileURL('.bench/accuracy.mjs').href);
