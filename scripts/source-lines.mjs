// Source-like lines for the benchmarks' generated trees: JS, Python, YAML, JSON, Go, XML, digests.
import { createHash } from 'node:crypto';

/**
 * Returns a function that makes one line, drawing every choice from `rand` (a seeded PRNG, so a
 * tree is the same on every run). `xml` adds an XML element shape.
 */
export function sourceLineMaker(rand, words, { xml = false } = {}) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const ident = () => pick(words) + pick(words).replace(/^./, (c) => c.toUpperCase());
  const shapes = [
    () => `  const ${ident()} = await ${ident()}(${ident()}, ${Math.floor(rand() * 1000)});`,
    () => `  if (${ident()}.${pick(words)} === '${pick(words)}') return ${ident()};`,
    () => `def ${pick(words)}_${pick(words)}(self, ${pick(words)}: str) -> dict:`,
    () => `    ${pick(words)}_${pick(words)} = self.${pick(words)}.get("${pick(words)}", None)`,
    () => `${pick(words)}_${pick(words)}: ${pick(words)}-${Math.floor(rand() * 100)}`,
    () => `  "${pick(words)}": "${pick(words)} ${pick(words)} ${pick(words)}",`,
    () => `// ${pick(words)} the ${pick(words)} before we ${pick(words)} the ${pick(words)} ${pick(words)}`,
    () => `func (s *${ident()}) ${ident()}(ctx context.Context) error {`,
    () => `    return fmt.Errorf("${pick(words)} ${pick(words)}: %w", err)`,
    ...(xml ? [() => `  <${pick(words)} name="${pick(words)}" value="${Math.floor(rand() * 1e6)}"/>`] : []),
    () => `    sha: ${createHash('sha1').update(String(rand())).digest('hex')}`,
  ];
  return () => pick(shapes)();
}
