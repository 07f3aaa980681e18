/** Text safe inside a markdown table cell: HTML-escaped, pipes and line breaks neutralised. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/[\r\n]+/g, ' ');
}

/** Inline code that survives any character (backticks included): an HTML `<code>` element. */
export function code(text: string): string {
  return `<code>${cell(text)}</code>`;
}

/** A markdown table; every cell is passed through as given (escape with `cell`/`code`). */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
