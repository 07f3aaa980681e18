/**
 * Tokens that carry a base64-encoded JSON payload: the payload must decode to the object the
 * provider documents, else the candidate is a look-alike string.
 */

type Json = Record<string, unknown>;

/** Decodes standard or URL-safe base64, padded or not, to a JSON object. */
function decodeJsonObject(segment: string): Json | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(segment)) return undefined;
  try {
    const text = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Sentry organization auth tokens: `sntrys_<base64 JSON {iat, url, region_url, org}>_<secret>`.
 * https://github.com/getsentry/sentry/blob/master/src/sentry/utils/security/orgauthtoken_token.py
 */
export function isSentryOrgToken(token: string): boolean {
  const m = /^sntrys_([A-Za-z0-9+/]+={0,2})_([A-Za-z0-9+/]{43})$/.exec(token);
  const payload = m ? decodeJsonObject(m[1] as string) : undefined;
  return payload !== undefined && payload.iat !== undefined && isText(payload.org);
}

/**
 * Grafana Cloud access policy tokens: `glc_` then base64 JSON `{"o": org id, "n": name, "k": key, "m": {"r": region}}`.
 * https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/
 */
export function isGrafanaCloudToken(token: string): boolean {
  const payload = token.startsWith('glc_') ? decodeJsonObject(token.slice(4)) : undefined;
  return payload !== undefined && isText(payload.o) && isText(payload.k);
}

/**
 * Mapbox secret tokens: `sk.<base64url JSON {"u": username, "a": token id}>.<signature>`.
 * https://docs.mapbox.com/help/dive-deeper/access-tokens/
 */
export function isMapboxSecretToken(token: string): boolean {
  const [prefix, body, signature, ...rest] = token.split('.');
  if (prefix !== 'sk' || !body || !signature || rest.length > 0) return false;
  const payload = decodeJsonObject(body);
  return payload !== undefined && isText(payload.u);
}

/**
 * 1Password service account tokens: `ops_` then base64 JSON carrying the sign-in address and
 * the account's Secret Key. https://developer.1password.com/docs/service-accounts/security/
 */
export function isOnePasswordServiceAccountToken(token: string): boolean {
  const payload = token.startsWith('ops_') ? decodeJsonObject(token.slice(4)) : undefined;
  return payload !== undefined && (isText(payload.signInAddress) || isText(payload.secretKey) || isText(payload.email));
}

/**
 * Discord bot tokens: base64 of the bot's numeric user id (a snowflake), a timestamp and an HMAC,
 * separated by dots. https://discord.com/developers/docs/reference#authentication
 */
export function isDiscordBotToken(token: string): boolean {
  const [id] = token.split('.');
  if (!id || !/^[A-Za-z0-9_-]+$/.test(id)) return false;
  const decoded = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return /^[1-9][0-9]{16,19}$/.test(decoded);
}

/**
 * Supabase legacy API keys are JWTs: `role` is `anon` for the public key and `service_role`
 * for the secret one, which bypasses Row Level Security. The local development stack's keys
 * (issuer `supabase-demo`) are the same published values for everyone, so they are not secrets.
 * https://supabase.com/docs/guides/api/api-keys
 */
export function isSupabaseServiceRoleJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJsonObject(parts[0] as string);
  const payload = decodeJsonObject(parts[1] as string);
  return header !== undefined && isText(header.alg) && payload?.role === 'service_role' && payload.iss !== 'supabase-demo';
}
