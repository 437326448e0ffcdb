import { z } from 'zod';
import type { Settings, TelephonyConfig, VoiceToken } from '../../../preload/contract';
import { TelephonyError } from './errors';
import { postJson } from './http';
import { jwtClaims } from './jwt';

export { TelephonyError } from './errors';

export interface TelephonyService {
  /** What the renderer may know: training or Twilio, and whether hold and transfer can be used (and why not). */
  config(): TelephonyConfig;
  /** A fresh Twilio Voice access token from the organisation's token endpoint. */
  token(): Promise<VoiceToken>;
  hold(callSid: string, hold: boolean): Promise<{ ok: true }>;
  transfer(callSid: string, targetId: string, mode: 'warm' | 'cold'): Promise<{ ok: true }>;
}

export interface TelephonyOptions {
  settings: { get(): Settings };
  /** Injected in tests; Node's fetch otherwise. */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (injected in tests). */
  now?: () => number;
  /** The deadline for one whole request to an endpoint (default 10 s). */
  timeoutMs?: number;
}

export const defaultTimeoutMs = 10_000;

export const telephonyReasons = {
  noHoldEndpoint: 'No hold endpoint is configured (Settings → Telephony)',
  noTransferEndpoint: 'No transfer endpoint is configured (Settings → Telephony)',
  emptyDirectory: 'No transfer targets are listed in the directory (Settings → Telephony)',
  noTokenEndpoint: 'No token endpoint is configured (Settings → Telephony): the desk is in training mode',
} as const;

/**
 * What the token endpoint answers. Only `token` and `identity` are required; the expiry is the earliest of
 * `expiresAt`, now + `ttl` and the JWT's own `exp` claim, and at least one of them must be there.
 * Every message is written here so that no zod default (which could quote the input) reaches the agent.
 */
const TokenAnswer = z.object({
  token: z
    .string({ error: (iss) => (iss.input === undefined ? 'has no token' : 'has a token that is not a string') })
    .min(20, 'has a token that is too short to be an access token')
    .max(8192, 'has a token that is too long (over 8192 characters)'),
  identity: z
    .string({ error: (iss) => (iss.input === undefined ? 'has no identity' : 'has an identity that is not a string') })
    .min(1, 'has an empty identity')
    .max(256, 'has an identity longer than 256 characters'),
  expiresAt: z.iso.datetime({ offset: true, error: 'has an expiresAt that is not an ISO 8601 date and time' }).optional(),
  ttl: z
    .number({ error: 'has a ttl that is not a number of seconds' })
    .int('has a ttl that is not a whole number of seconds')
    .positive('has a ttl that is not positive')
    .optional(),
});

export function createTelephonyService(options: TelephonyOptions): TelephonyService {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const telephony = () => options.settings.get().telephony;
  const post = (kind: 'token' | 'hold' | 'transfer', address: string, body: unknown, consequence: string) =>
    postJson(kind, address, body, { fetch: fetchImpl, timeoutMs, consequence });

  return {
    config() {
      const t = telephony();
      const training = t.tokenEndpoint === '';
      const holdReason = training || t.holdEndpoint ? null : telephonyReasons.noHoldEndpoint;
      const transferReason =
        t.directory.length === 0 ? telephonyReasons.emptyDirectory : training || t.transferEndpoint ? null : telephonyReasons.noTransferEndpoint;
      return {
        mode: training ? 'training' : 'twilio',
        holdAvailable: holdReason === null,
        transferAvailable: transferReason === null,
        holdReason,
        transferReason,
        directory: t.directory.map((target) => ({ ...target })),
      };
    },

    async token() {
      const endpoint = telephony().tokenEndpoint;
      const consequence = 'The softphone cannot connect until this is fixed.';
      if (!endpoint) throw new TelephonyError('not_configured', `${telephonyReasons.noTokenEndpoint}.`);
      const host = new URL(endpoint).host;
      const fail = (code: TelephonyError['code'], problem: string): never => {
        throw new TelephonyError(code, `${problem}. ${consequence}`);
      };

      const answer = await post('token', endpoint, {}, consequence);
      let json: unknown;
      try {
        json = JSON.parse(answer.text);
      } catch {
        const type = /^[\w.+-]+\/[\w.+-]+$/.test(answer.contentType) ? answer.contentType : 'no content type';
        return fail('not_json', `The token endpoint at ${host} did not answer with JSON (it sent ${answer.text.trim() ? type : 'an empty answer'})`);
      }
      if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        return fail('invalid_reply', `The token endpoint at ${host} answered with JSON that is not an object`);
      }
      const parsed = TokenAnswer.safeParse(json);
      if (!parsed.success) {
        return fail('invalid_reply', `The token endpoint’s answer ${parsed.error.issues[0]!.message}`);
      }
      const { token, identity, expiresAt, ttl } = parsed.data;

      const claims = jwtClaims(token);
      if (!claims) {
        return fail(
          'malformed_jwt',
          `The token endpoint at ${host} sent a token that is not a well-formed JWT (three base64url parts with a JSON header and payload)`,
        );
      }
      const issuedAt = now();
      const candidates = [
        expiresAt === undefined ? undefined : Date.parse(expiresAt),
        ttl === undefined ? undefined : issuedAt + ttl * 1000,
        typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
      ].filter((t): t is number => t !== undefined && Number.isFinite(t));
      if (candidates.length === 0) {
        return fail('invalid_reply', 'The token endpoint’s answer does not say when the token expires (no expiresAt or ttl, and no exp claim in the token)');
      }
      const expires = Math.min(...candidates);
      if (expires <= issuedAt) {
        return fail(
          'expired',
          `The token endpoint at ${host} issued a token that had already expired (at ${new Date(expires).toISOString()}; ` +
            `this workstation’s clock says ${new Date(issuedAt).toISOString()}). Check the clock on this workstation and on the token server`,
        );
      }
      return { token, identity, expiresAt: new Date(expires).toISOString() };
    },

    async hold(callSid, hold) {
      const t = telephony();
      const consequence = hold ? 'The call was not put on hold.' : 'The call is still on hold.';
      if (t.tokenEndpoint === '') return { ok: true }; // training: hold is simulated by the softphone
      if (!t.holdEndpoint) throw new TelephonyError('not_configured', `${telephonyReasons.noHoldEndpoint}. ${consequence}`);
      await post('hold', t.holdEndpoint, { callSid, hold }, consequence);
      return { ok: true };
    },

    async transfer(callSid, targetId, mode) {
      const t = telephony();
      const target = t.directory.find((entry) => entry.id === targetId);
      if (!target) {
        throw new TelephonyError(
          'unknown_target',
          'That transfer target is not in the directory (Settings → Telephony); it may have been removed. The call was not transferred.',
        );
      }
      const consequence = `The call was not transferred to ${target.label}.`;
      if (t.tokenEndpoint === '') return { ok: true }; // training: transfer is simulated by the softphone
      if (!t.transferEndpoint) throw new TelephonyError('not_configured', `${telephonyReasons.noTransferEndpoint}. ${consequence}`);
      await post('transfer', t.transferEndpoint, { callSid, to: target.number, mode }, consequence);
      return { ok: true };
    },
  };
}
