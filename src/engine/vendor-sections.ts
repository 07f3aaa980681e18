/**
 * Sections a name opens over the lines below it, as config files nest a vendor's settings:
 * YAML `stripe:` (a key with no value), JSON `"hubspot": {`, INI and TOML `[mailgun]` or
 * `[services.coinapi]`, HCL `provider "datadog" {`. The vendor-keyword detector
 * (`proximity.ts`) reads the vendor from the header and the key word from a member line:
 * `stripe:\n  secret: …`. Structure only: which lines belong to the section, not what they hold.
 */

/** A header line: the name it gives its section, where that name starts in the line, and how the section ends. */
export interface SectionHeader {
  name: string;
  nameStart: number;
  /** `indent`: the body is the lines indented deeper than the header; `bracket`: the lines up to the next `[…]` header. */
  kind: 'indent' | 'bracket';
  indent: number;
}

/** How many lines below a header are read at most. */
const MAX_BODY_LINES = 30;

const YAML_HEADER = /^([ \t]*)(?:-[ \t]+)?(["']?)([A-Za-z0-9_.-]{3,80})\2[ \t]*:[ \t]*(?:&[A-Za-z0-9_-]+[ \t]*)?(?:#.*)?$/;
const JSON_HEADER = /^([ \t]*)"([A-Za-z0-9_. -]{3,80})"[ \t]*:[ \t]*\{[ \t]*$/;
const INI_HEADER = /^([ \t]*)\[{1,2}[ \t]*([A-Za-z0-9_. "'-]{3,80}?)[ \t]*\]{1,2}[ \t]*(?:[#;].*)?$/;
const HCL_HEADER = /^([ \t]*)[a-z_]+[ \t]+"([A-Za-z0-9_.-]{3,80})"[ \t]*(?:"[^"\r\n]*"[ \t]*)?\{[ \t]*$/;

/** The header a line is, or undefined. Quick rejections first: most lines end in a value. */
export function sectionHeader(line: string): SectionHeader | undefined {
  const last = line.trimEnd().at(-1);
  if (last === ':' || /:[ \t]+[#&]/.test(line)) {
    const yaml = YAML_HEADER.exec(line);
    if (yaml)
      return { name: yaml[3] as string, nameStart: line.indexOf(yaml[3] as string), kind: 'indent', indent: (yaml[1] as string).length };
  }
  if (last === '{') {
    const found = JSON_HEADER.exec(line) ?? HCL_HEADER.exec(line);
    if (found)
      return { name: found[2] as string, nameStart: line.indexOf(found[2] as string), kind: 'indent', indent: (found[1] as string).length };
  }
  if (line.trimStart().startsWith('[')) {
    const ini = INI_HEADER.exec(line);
    if (ini) return { name: (ini[2] as string).replace(/["']/g, ''), nameStart: line.indexOf('[') + 1, kind: 'bracket', indent: 0 };
  }
  return undefined;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * The body lines of the section whose header line ends at `headerEnd` (the offset of its line
 * break, or the text's end), as [start, end) spans of `text`: blank and comment lines skipped.
 */
export function* sectionBody(text: string, headerEnd: number, header: SectionHeader): Iterable<[number, number]> {
  let start = headerEnd + 1;
  for (let read = 0; read < MAX_BODY_LINES && start < text.length; read++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed !== '' && !/^(?:#|;|\/\/)/.test(trimmed)) {
      if (header.kind === 'bracket' ? trimmed.startsWith('[') : indentOf(line) <= header.indent) return;
      yield [start, start + line.length];
    }
    if (newline === -1) return;
    start = newline + 1;
  }
}

/** A name / value pair over two lines (`- name: STRIPE_KEY` / `  value: …`, or value first): the name, and where its value text is. */
export interface PairedValue {
  name: string;
  /** Offset in the text of the value text (what follows `value:`), and its end (the end of that line). */
  valueStart: number;
  valueEnd: number;
}

const PAIR_NAME_LINE = /^[ \t]*(-[ \t]+)?"?name"?[ \t]*:[ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]*,?[ \t]*\r?$/i;
const PAIR_VALUE_LINE = /^[ \t]*(-[ \t]+)?"?value"?[ \t]*:[ \t]*/i;

/**
 * The value paired with the name on the line [lineStart, lineEnd), as Kubernetes, ECS and
 * CloudFormation env lists write them: the line just below, or (value first, when the name line
 * opens no entry) just above; the lower line of an entry never opens one (`- `).
 */
export function pairedValue(text: string, lineStart: number, lineEnd: number): PairedValue | undefined {
  const name = PAIR_NAME_LINE.exec(text.slice(lineStart, lineEnd));
  if (!name) return undefined;
  const candidates: [number, number][] = [];
  if (lineEnd < text.length) {
    const nextEnd = text.indexOf('\n', lineEnd + 1);
    candidates.push([lineEnd + 1, nextEnd === -1 ? text.length : nextEnd]);
  }
  if (!name[1] && lineStart > 0) candidates.push([text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1]);
  for (const [start, end] of candidates) {
    const value = PAIR_VALUE_LINE.exec(text.slice(start, end));
    const below = start > lineStart;
    if (!value || (below && value[1])) continue;
    return { name: name[2] as string, valueStart: start + value[0].length, valueEnd: end };
  }
  return undefined;
}
