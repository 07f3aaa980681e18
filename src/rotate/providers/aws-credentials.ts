import type { AwsCredentials } from '../sigv4.js';

/**
 * How an AWS access key pair sits in one store value, so that the new pair is written back in the
 * same shape:
 *
 *   AKIA…:<secret>                                          a colon-separated pair
 *   {"accessKeyId": "AKIA…", "secretAccessKey": "…"}        JSON (also AccessKeyId / aws_access_key_id)
 *   aws_access_key_id = AKIA…  /  AWS_SECRET_ACCESS_KEY=…   ini or dotenv lines
 */

/** A pair read from a value, and how to write another pair in its place. */
export interface StoredAwsKey {
  credentials: AwsCredentials;
  withCredentials(next: AwsCredentials): string;
}

const KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;
const ID_NAMES = ['accessKeyId', 'AccessKeyId', 'aws_access_key_id', 'AWS_ACCESS_KEY_ID'];
const SECRET_NAMES = ['secretAccessKey', 'SecretAccessKey', 'aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY'];

function fromJson(value: string): StoredAwsKey | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const idKey = ID_NAMES.find((name) => typeof record[name] === 'string');
  const secretKey = SECRET_NAMES.find((name) => typeof record[name] === 'string');
  if (!idKey || !secretKey) return undefined;
  return {
    credentials: { accessKeyId: String(record[idKey]), secretAccessKey: String(record[secretKey]) },
    withCredentials: (next) =>
      JSON.stringify(
        { ...record, [idKey]: next.accessKeyId, [secretKey]: next.secretAccessKey },
        null,
        value.includes('\n') ? 2 : undefined,
      ),
  };
}

function fromLines(value: string): StoredAwsKey | undefined {
  const line = (names: string[]): RegExpExecArray | null =>
    new RegExp(`^([ \\t]*(?:export[ \\t]+)?(?:${names.join('|')})[ \\t]*=[ \\t]*["']?)([^"'\\s]+)(["']?[ \\t]*)$`, 'mi').exec(value);
  const id = line(ID_NAMES);
  const secret = line(SECRET_NAMES);
  if (!id || !secret) return undefined;
  return {
    credentials: { accessKeyId: id[2] as string, secretAccessKey: secret[2] as string },
    withCredentials: (next) =>
      value.replace(id[0], `${id[1]}${next.accessKeyId}${id[3]}`).replace(secret[0], `${secret[1]}${next.secretAccessKey}${secret[3]}`),
  };
}

function fromPair(value: string): StoredAwsKey | undefined {
  const match = /^\s*([A-Z0-9]{16,128}):(\S{16,})\s*$/.exec(value);
  if (!match) return undefined;
  return {
    credentials: { accessKeyId: match[1] as string, secretAccessKey: match[2] as string },
    withCredentials: (next) => `${next.accessKeyId}:${next.secretAccessKey}`,
  };
}

/** Reads a stored access key pair; undefined when the value is none of the shapes above. */
export function readAwsKey(value: string): StoredAwsKey | undefined {
  const found = fromJson(value) ?? fromLines(value) ?? fromPair(value);
  return found && KEY_ID.test(found.credentials.accessKeyId) ? found : undefined;
}
