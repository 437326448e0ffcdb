import { z } from 'zod';

/**
 * How a call ended, as recorded on its contact: completed (hung up after talking), rejected (declined while ringing),
 * missed (an incoming call never answered), dropped (lost once connected), failed (an outgoing call not answered, busy,
 * or never connected), transferred.
 */
export const callEndReasons = ['completed', 'rejected', 'missed', 'dropped', 'failed', 'transferred'] as const;
export const CallEndReason = z.enum(callEndReasons);
export type CallEndReason = z.infer<typeof CallEndReason>;
