/**
 * Reads the claims of a JWT without verifying it: main holds no signing key, and Twilio checks the signature when
 * the Voice SDK registers. This is only to learn when the token expires and to catch a token that is not a JWT
 * before the SDK fails on it with a less helpful error. Nothing here ever puts the token in a message.
 */

const base64url = /^[A-Za-z0-9_-]+$/;

export type JwtClaims = Record<string, unknown>;

/** The payload claims of a well-formed JWT (three base64url parts, JSON object header with `alg`, JSON object payload), or null. */
export function jwtClaims(token: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => base64url.test(part))) return null;
  const header = decodeJsonObject(parts[0]!);
  const payload = decodeJsonObject(parts[1]!);
  if (!header || typeof header.alg !== 'string' || !payload) return null;
  if ('exp' in payload && (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp))) return null;
  return payload;
}

function decodeJsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
