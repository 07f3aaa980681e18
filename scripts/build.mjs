// Builds dist/cli.js (with lazily loaded chunks), dist/action.js (one file) and dist/builtin-rules.json.
// Prints nothing on stdout (esbuild warnings go to stderr): it is the `prepare` script, and pre-commit
// reads the tarball name from `npm pack`'s stdout (npm's own script banner is off through .npmrc).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

const banner = {
  js: "import { createRequire as __unleakCreateRequire } from 'node:module';\nconst require = __unleakCreateRequire(import.meta.url);",
};
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'warning', legalComments: 'none' };
const only = process.argv[2];

/*
 * re2js (300 KB) runs only user rules and allowlist regexes from a config file, yet bundled into
 * the chunk of src/engine/matchers.ts every scan would parse it. The CLI gets it as its own file,
 * dist/chunks/re2js.cjs, required on first use. The `require` of a chunk resolves from
 * dist/chunks/ (the bundle's `require` shim lives in a chunk), which the build checks.
 */
const RE2_FILE = 're2js.cjs';
const re2Apart = {
  name: 're2js-apart',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^re2js$/ }, () => ({ path: `./${RE2_FILE}`, external: true }));
  },
};

await mkdir('dist', { recursive: true });
if (!only || only === 'cli') {
  // Chunk names carry a hash: old ones would pile up and ship in the package.
  await rm('dist/chunks', { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { cli: 'src/cli.ts', 'history-worker': 'src/scan/history-worker.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [re2Apart],
  });
  await build({
    ...common,
    entryPoints: ['node_modules/re2js/build/index.cjs'],
    outfile: `dist/chunks/${RE2_FILE}`,
    format: 'cjs',
    banner: {},
  });
  await checkRe2Apart();
  const { compileBuiltinRulesJson } = await import('./compile-rules.mjs');
  const rulesJson = await compileBuiltinRulesJson();
  await writeFile('dist/builtin-rules.json', rulesJson);
  // What a scan reads (src/config/config-defaults.ts, compiledScanRules): the same specs without their examples. Written second: never older.
  // The proximity detector's keywords are widened here, as compileRules would at every start (src/engine/vendor-vocabulary.ts).
  const { withVendorVocabulary } = await importTypeScript('src/engine/vendor-vocabulary.ts');
  const scanRules = withVendorVocabulary(JSON.parse(rulesJson).map(({ examples: _examples, ...spec }) => ({ spec }))).map(
    ({ spec }) => spec,
  );
  // Pure ASCII (others as \\u escapes): read as a one-byte string, without the UTF-8 decoder (~1 ms of a hook).
  const ascii = JSON.stringify(scanRules).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  await writeFile('dist/builtin-rules.scan.json', ascii);
  // The keyword automaton of those rules (their keywords, proximity keywords widened, in rule order), as a scan's prefilter
  // builds it (~30 ms at every large scan): a scan reads it instead when its keyword list is the same.
  const { KeywordPrefilter, automatonBytes } = await importTypeScript('scripts/automaton-entry.ts');
  const prefilter = new KeywordPrefilter(scanRules.map((spec) => spec.keywords));
  const tables = prefilter.automatonTables();
  if (tables) await writeFile('dist/builtin-automaton.bin', automatonBytes(prefilter.automatonKeywordList, tables));
}
if ((!only || only === 'action') && existsSync('src/action.ts')) {
  await build({ ...common, entryPoints: { action: 'src/action.ts' }, outdir: 'dist', target: 'node24' });
}

/** A TypeScript module of src/, bundled in memory and imported (for what the build computes once instead of every start). */
async function importTypeScript(entry) {
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
}

/** Fails the build unless every output that requires re2js sits in dist/chunks/, next to it, and the file is there. */
async function checkRe2Apart() {
  const { readdir, readFile } = await import('node:fs/promises');
  const outputs = [
    ...(await readdir('dist')).map((name) => `dist/${name}`),
    ...(await readdir('dist/chunks')).map((name) => `dist/chunks/${name}`),
  ];
  const users = [];
  for (const file of outputs.filter((name) => name.endsWith('.js') && !name.startsWith('dist/action'))) {
    if ((await readFile(file, 'utf8')).includes(`"./${RE2_FILE}"`)) users.push(file);
  }
  if (!existsSync(`dist/chunks/${RE2_FILE}`) || users.length === 0 || users.some((file) => !file.startsWith('dist/chunks/')))
    throw new Error(
      `re2js: expected dist/chunks/${RE2_FILE} and its require in dist/chunks/ only, found it in ${users.join(', ') || 'no file'}`,
    );
}
