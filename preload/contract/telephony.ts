import { z } from 'zod';
import { channel } from './channel';
import { E164Number } from './phone';

const callSid = z.string().regex(/^[A-Za-z]{2}[A-Za-z0-9]{1,64}$/, 'not a call SID');

/** A Twilio Voice access token from the organisation's token endpoint (fetched by main; no secret leaves it). */
export const VoiceToken = z.object({
  token: z.string().min(20).max(8192),
  identity: z.string().min(1).max(256),
  /** When the token expires (ISO 8601). */
  expiresAt: z.string(),
});
export type VoiceToken = z.infer<typeof VoiceToken>;

export const TransferTargetSchema = z.object({ id: z.string().min(1).max(64), label: z.string().min(1).max(100), number: E164Number }).strict();

/** What the renderer may know about telephony configuration (never credentials). */
export const TelephonyConfig = z.object({
  mode: z.enum(['training', 'twilio']),
  holdAvailable: z.boolean(),
  transferAvailable: z.boolean(),
  /** Why hold/transfer are off, when they are. */
  holdReason: z.string().nullable(),
  transferReason: z.string().nullable(),
  directory: z.array(TransferTargetSchema),
});
export type TelephonyConfig = z.infer<typeof TelephonyConfig>;

export const telephonyChannels = {
  config: channel('telephony.config', z.object({}).strict(), TelephonyConfig),
  token: channel('telephony.token', z.object({}).strict(), VoiceToken),
  hold: channel('telephony.hold', z.object({ callSid, hold: z.boolean() }).strict(), z.object({ ok: z.literal(true) })),
  transfer: channel(
    'telephony.transfer',
    z.object({ callSid, targetId: z.string().min(1).max(64), mode: z.enum(['warm', 'cold']) }).strict(),
    z.object({ ok: z.literal(true) }),
  ),
};
