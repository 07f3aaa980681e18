// Builds the labeled accuracy corpus from fixtures/accuracy/*.yaml with freshly generated secrets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { generators } from './generators.js';

/** One labeled file of the corpus. */
export interface CorpusCase {
  id: string;
  path: string;
  text: string;
  label: 'secret' | 'clean';
  category: string;
  /** For secrets: the 1-based line that holds (the start of) the secret. */
  line?: number;
}

interface Kind {
  gen: string;
  category: string;
  name: string;
}
interface Carrier {
  file: string;
  text: string;
}

const CARRIERS_PER_KIND = 5;

const camel = (name: string) => name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function generate(name: string): string {
  const make = generators[name];
  if (!make) throw new Error(`no generator ${name}`);
  return make();
}

/** Fills `{{gen:NAME}}` and `{{b64:…}}` slots (a `b64` slot may span lines); returns the text and the line of the first slot. */
function fill(template: string): { text: string; line: number } {
  const first = template.search(/\{\{(gen|b64):/);
  const line = first === -1 ? 1 : template.slice(0, first).split('\n').length;
  let text = template.replace(/\{\{gen:([a-z0-9-]+)\}\}/g, (_m, name: string) => generate(name));
  text = text.replace(/\{\{b64:([\s\S]*?)\}\}/g, (_m, inner: string) => Buffer.from(inner).toString('base64'));
  return { text, line };
}

function plant(carrier: Carrier, kind: Kind): { text: string; line: number } {
  const secret = generate(kind.gen);
  const line = carrier.text.slice(0, carrier.text.indexOf('{{secret}}')).split('\n').length;
  const text = carrier.text
    .replaceAll('{{NAME}}', kind.name)
    .replaceAll('{{snake}}', kind.name.toLowerCase())
    .replaceAll('{{camel}}', camel(kind.name))
    .replaceAll('{{secret}}', secret);
  return { text, line };
}

/** Reads the corpus definition and generates every case. */
export function buildCorpus(fixtureDir: string): CorpusCase[] {
  const read = <T>(name: string): T => parse(readFileSync(join(fixtureDir, name), 'utf8')) as T;
  const { kinds } = read<{ kinds: Kind[] }>('kinds.yaml');
  const { carriers } = read<{ carriers: Carrier[] }>('carriers.yaml');
  const { cases: structured } = read<{ cases: { category: string; file: string; text: string; line?: number }[] }>('structured.yaml');
  const { groups } = read<{ groups: { category: string; file: string; texts: string[] }[] }>('negatives.yaml');
  const cases: CorpusCase[] = [];
  kinds.forEach((kind, k) => {
    for (let i = 0; i < CARRIERS_PER_KIND; i++) {
      const carrier = carriers[(k * CARRIERS_PER_KIND + i) % carriers.length] as Carrier;
      const { text, line } = plant(carrier, kind);
      cases.push({ id: `${kind.gen}@${carrier.file}`, path: carrier.file, text, label: 'secret', category: kind.category, line });
    }
  });
  structured.forEach((entry, i) => {
    const { text, line } = fill(entry.text);
    cases.push({
      id: `structured-${i}@${entry.file}`,
      path: entry.file,
      text,
      label: 'secret',
      category: entry.category,
      line: entry.line ?? line,
    });
  });
  for (const group of groups) {
    group.texts.forEach((template, i) => {
      const { text } = fill(template);
      cases.push({
        id: `${group.category}-${i}@${group.file}`,
        path: group.file,
        text: `${text}\n`,
        label: 'clean',
        category: group.category,
      });
    });
  }
  return cases;
}

/** Writes each case into its own folder (`case-0001/<path>`) so paths keep their meaning. */
export function writeCorpus(cases: CorpusCase[], root: string): Map<string, CorpusCase> {
  const byFolder = new Map<string, CorpusCase>();
  cases.forEach((c, i) => {
    const folder = `case-${String(i).padStart(4, '0')}`;
    const full = join(root, folder, c.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, c.text);
    byFolder.set(folder, c);
  });
  return byFolder;
}
