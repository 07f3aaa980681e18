/** Counts per character code of the current call, zeroed again before it returns. */
const counts = new Uint32Array(0x10000);
/** The codes of the current call in the order they first occur (the order the sum is taken in). */
const order = new Uint16Array(0x10000);

/** Shannon entropy of a string in bits per character (0 for an empty string). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  let distinct = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      for (let j = 0; j < distinct; j++) counts[order[j] as number] = 0;
      return codePointEntropy(value);
    }
    if ((counts[code] as number) === 0) order[distinct++] = code;
    counts[code] = (counts[code] as number) + 1;
  }
  let bits = 0;
  for (let j = 0; j < distinct; j++) {
    const code = order[j] as number;
    const p = (counts[code] as number) / value.length;
    bits -= p * Math.log2(p);
    counts[code] = 0;
  }
  return bits;
}

/** shannonEntropy over code points, for text with surrogate pairs. */
function codePointEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
