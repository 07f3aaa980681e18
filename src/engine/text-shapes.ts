/**
 * Whole-text tests for shapes a rule's match cannot do without (`requires:` in a rule): one
 * cheap pass tells that no match is possible anywhere in a text, so the rule's pattern is not run.
 * Each test may say yes when there is no such shape (the rule then runs as usual), never no when
 * there is one.
 */

/** Shapes a rule can require. */
export type TextShape = 'uuid';

const IS_HEX = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEF') IS_HEX[ch.charCodeAt(0)] = 1;
const isHexAt = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return code < 128 && IS_HEX[code] === 1;
};

/** True when `text` holds 8-4-4-4-12 hex digits separated by `-` (either case), the shape of a UUID. */
export function containsUuid(text: string): boolean {
  // Every UUID's first dash is 8 characters in; dashes are found by indexOf, a fast native search.
  for (let dash = text.indexOf('-', 8); dash !== -1 && dash + 28 <= text.length; dash = text.indexOf('-', dash + 1)) {
    if (isUuidAt(text, dash - 8)) return true;
  }
  return false;
}

function isUuidAt(text: string, start: number): boolean {
  // The dashes first: most dashes of code (`a - b`, `foo-bar`) are not 5, 10 and 15 characters before three more.
  if (text.charCodeAt(start + 13) !== 45 || text.charCodeAt(start + 18) !== 45 || text.charCodeAt(start + 23) !== 45) return false;
  for (let i = 0; i < 36; i++) {
    const at = start + i;
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (text.charCodeAt(at) !== 45) return false;
    } else if (!isHexAt(text, at)) return false;
  }
  return true;
}

/** True when `text` may hold the shape (false proves it does not). */
export function mayHoldShape(text: string, shape: TextShape): boolean {
  switch (shape) {
    case 'uuid':
      return containsUuid(text);
  }
}
