/** True when the token's first segment decodes (base64url) to a JSON object with an `alg` other than `none`, and the payload to JSON. */
export function decodesAsJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJsonSegment(parts[0] as string);
  // An unsigned token (`alg: none`) proves nothing: anyone can write one, so it is no secret.
  if (!header || typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return false;
  return decodeJsonSegment(parts[1] as string) !== undefined;
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
