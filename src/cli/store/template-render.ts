/**
 * `${NAME}` substitution for `unleak render`. `$${NAME}` is an escape and yields a literal
 * `${NAME}`; anything else is left as it is.
 */

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

/** The rendered text and the referenced names that have no value (output is unusable then). */
export interface RenderResult {
  output: string;
  missing: string[];
}

/** Replaces every `${NAME}` with `lookup(NAME)`. */
export function renderTemplate(text: string, lookup: (name: string) => string | undefined): RenderResult {
  const missing = new Set<string>();
  const output = text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const value = lookup(name);
    if (value === undefined) missing.add(name);
    return value ?? whole;
  });
  return { output, missing: [...missing] };
}

/** What `composedValues` reads of a store. */
export interface ComposableStore {
  values(): Map<string, string>;
  list(): Array<{ name: string; meta?: { composed?: boolean } }>;
}

/**
 * The store's values with each composed entry (metadata `composed`, written by `unleak fix` for a
 * connection string: `postgres://app:${DB_PASSWORD}@db/app`) rendered from the other entries, so
 * the credential is stored once. A name the store lacks stays as written.
 */
export function composedValues(store: ComposableStore): Map<string, string> {
  const raw = store.values();
  const values = new Map(raw);
  for (const entry of store.list()) {
    const template = raw.get(entry.name);
    if (entry.meta?.composed && template !== undefined) values.set(entry.name, renderTemplate(template, (name) => raw.get(name)).output);
  }
  return values;
}
