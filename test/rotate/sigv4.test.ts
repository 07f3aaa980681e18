import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { signRequest, uriEncode } from '../../src/rotate/sigv4.js';

/**
 * AWS's published SigV4 examples: the signature test suite (get-vanilla, get-vanilla-query-order-key-case,
 * post-vanilla; https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html) and the
 * IAM ListUsers walk-through in "Create a signed AWS API request". The key pair is AWS's documented
 * example, not a credential.
 */
const example = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2015-08-30T12:36:00Z');
const suite = { region: 'us-east-1', service: 'service', now };

describe('SigV4 signing, checked against AWS published vectors', () => {
  it('get-vanilla', () => {
    const signed = signRequest({ ...suite, method: 'GET', url: 'https://example.amazonaws.com/' }, example);
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(signed.headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('get-vanilla-query-order-key-case (query sorted by encoded key)', () => {
    const signed = signRequest({ ...suite, method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1' }, example);
    expect(signed.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('post-vanilla', () => {
    const signed = signRequest({ ...suite, method: 'POST', url: 'https://example.amazonaws.com/' }, example);
    expect(signed.signature).toBe('5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
  });

  it('the IAM ListUsers example, step by step', () => {
    const signed = signRequest(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        region: 'us-east-1',
        service: 'iam',
        now,
      },
      example,
    );
    expect(createHash('sha256').update(signed.canonicalRequest).digest('hex')).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(signed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  it('signs a session token, and encodes as RFC 3986 says', () => {
    const signed = signRequest(
      { ...suite, method: 'GET', url: 'https://example.amazonaws.com/' },
      { ...example, sessionToken: 'token-value' },
    );
    expect(signed.headers['x-amz-security-token']).toBe('token-value');
    expect(signed.headers.authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token');
    expect(uriEncode("a b+c/d*e!'()~")).toBe('a%20b%2Bc%2Fd%2Ae%21%27%28%29~');
  });
});
