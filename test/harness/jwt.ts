import { createHmac } from 'node:crypto';

export interface TestTokenOptions {
  identity: string;
  /** Lifetime in seconds from `nowMs`; negative for an already expired token. Default 3600. */
  ttlSeconds?: number;
  nowMs?: number;
  accountSid?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  outgoingApplicationSid?: string;
}

const b64url = (value: object | Buffer): string => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value), 'utf8')).toString('base64url');

/** A Twilio-shaped access token (HS256, `cty: twilio-fpa;v=1`) with a voice grant, signed with a test secret. */
export function makeTwilioToken(options: TestTokenOptions): string {
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const apiKey = options.apiKeySid ?? 'SK' + '0'.repeat(32);
  const header = { typ: 'JWT', alg: 'HS256', cty: 'twilio-fpa;v=1' };
  const payload = {
    jti: `${apiKey}-${now}`,
    iss: apiKey,
    sub: options.accountSid ?? 'AC' + '0'.repeat(32),
    iat: now,
    nbf: now,
    exp: now + (options.ttlSeconds ?? 3600),
    grants: {
      identity: options.identity,
      voice: {
        incoming: { allow: true },
        outgoing: { application_sid: options.outgoingApplicationSid ?? 'AP' + '0'.repeat(32) },
      },
    },
  };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = createHmac('sha256', options.apiKeySecret ?? 'test-secret')
    .update(signingInput)
    .digest();
  return `${signingInput}.${b64url(signature)}`;
}
