import { verdictByName } from './password-assignment.js';

/**
 * The `leading-name-value` validator, for layouts where the name opens the match but the text
 * between name and value is no `=` or `:` assignment: a YAML block scalar (`password: |` with the
 * value on the next line), an XML `<entry key="db.password">…</entry>`, a Dockerfile `ENV NAME
 * value`, a Gradle `storePassword '…'`, JSON escaped inside a string (`\"password\":\"…\"`), a
 * shell's `export PASSWORD==…` or a Compose list's `- PASSWORD==…` (a value that starts with `=`).
 * A password name accepts 6 characters, other secret names 12. https://cwe.mitre.org/data/definitions/798.html
 */
export function leadingNameValue({ secret, match }: { secret: string; match: string }): 'none' | 'invalid' {
  // A shell's `export NAME==…`, a batch file's `set NAME==…`, a YAML list's `- NAME==…`: the name is the word after it.
  const name = /^[\s"'\\]*(?:(?:export|set|-)[ \t]+(?=[A-Za-z]))?([A-Za-z][A-Za-z0-9_.:-]{0,120})/.exec(match)?.[1];
  return name === undefined ? 'invalid' : verdictByName(name, secret);
}
