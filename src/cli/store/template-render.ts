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
