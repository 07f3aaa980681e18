import type { RawEdit } from './code-rewriter.js';
import type { FileChange } from './types.js';

/**
 * Kubernetes manifests never expand `${NAME}`. A container's `env` entry has its own way to read a
 * secret: `valueFrom.secretKeyRef` naming a key of a Secret object. `fix` rewrites
 * `value: <secret>` into that, and the plan says how to create the Secret from the store.
 * https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
 */

/** The Secret object the rewritten manifests read from; its keys are the store entry names. */
export const KUBERNETES_SECRET = 'unleak';

const VALUE_KEY = /^([ \t]*)(-[ \t]+)?value:[ \t]*(["']?)/;

/** Why an occurrence in a manifest that is not a whole `env[].value` is left alone. */
export const KUBERNETES_REFUSAL =
  `Kubernetes does not expand \${NAME} in a manifest: put the value in a Secret and read it with env[].valueFrom.secretKeyRef (name: ${KUBERNETES_SECRET}, key: NAME), ` +
  'or keep the manifest as a template (${NAME} in place of the value, the file ignored by git) and write it with unleak render FILE.template --out FILE';

/** Why a secret in a Secret object's manifest is left alone: such a manifest must not be in git at all. */
export const KUBERNETES_SECRET_MANIFEST_REFUSAL =
  'a Kubernetes Secret manifest holds the values themselves: keep it out of git as a template (${NAME} in place of each value, FILE.template committed, FILE ignored by git) and write it with unleak render FILE.template --out FILE before kubectl apply';

const SECRET_KIND = /^kind:[ \t]*Secret[ \t]*\r?$/m;

/** The refusal for an occurrence that is not a whole `env[].value`. */
export function kubernetesRefusal(text: string): string {
  return SECRET_KIND.test(text) ? KUBERNETES_SECRET_MANIFEST_REFUSAL : KUBERNETES_REFUSAL;
}

/** `value: <secret>` (the whole scalar) → `valueFrom: {secretKeyRef: {name, key}}`; undefined for any other place. */
export function secretKeyRefEdit(text: string, start: number, end: number, name: string): RawEdit | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd);
  const key = VALUE_KEY.exec(line);
  if (!key || lineStart + key[0].length !== start) return undefined;
  const quote = key[3] ?? '';
  const rest = text.slice(end, lineEnd);
  if (!rest.startsWith(quote) || !/^[ \t]*(#.*)?\r?$/.test(rest.slice(quote.length))) return undefined;
  const indent = ' '.repeat((key[1] ?? '').replace(/\t/g, '  ').length + (key[2] ?? '').length);
  const eol = line.endsWith('\r') ? '\r\n' : '\n';
  const keyStart = lineStart + (key[1] ?? '').length + (key[2] ?? '').length;
  const replacement = [
    `valueFrom:`,
    `${indent}  secretKeyRef:`,
    `${indent}    name: ${KUBERNETES_SECRET}`,
    `${indent}    key: ${name}`,
  ].join(eol);
  return { start: keyStart, end: end + quote.length, replacement };
}

/** The entries the plan's rewritten manifests read through `secretKeyRef` (the keys the Secret needs). */
export function secretKeyRefEntries(changes: FileChange[]): string[] {
  return [
    ...new Set(
      changes.flatMap((c) =>
        c.edits.filter((e) => e.entry !== undefined && e.replacement.includes('secretKeyRef:')).map((e) => e.entry as string),
      ),
    ),
  ];
}
