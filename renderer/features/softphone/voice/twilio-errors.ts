import type { VoiceError } from './types';

/**
 * Plain words for every error the Twilio Voice SDK (2.18) can raise, by code: what happened and what to do, ending
 * with the code for support. The codes are those of the SDK's errors/generated.ts (`errorsByCode`), plus 20000 and
 * 31208, which older SDKs and the gateway used. A unit test checks this table against the installed SDK, so a new
 * SDK code shows up as a failing test instead of as the generic fallback.
 */
const byCode: Readonly<Record<number, string>> = {
  // Sign-in for calls (the access token from the organisation's token endpoint).
  20000: 'The call service did not accept the sign-in for calls. Restart the app; if calls still do not work, tell your supervisor.',
  20101: 'The call service did not accept the sign-in for calls. Restart the app; if calls still do not work, tell your supervisor.',
  20104: 'The sign-in for calls expired; the app is getting a new one. If calls do not work again within a minute, restart the app.',
  20151: 'The call service could not confirm the sign-in for calls. Restart the app; if it keeps happening, tell your supervisor.',
  31201: 'The call service could not confirm the sign-in for calls. Restart the app; if it keeps happening, tell your supervisor.',
  31202: 'The call service refused the sign-in for calls because its signature is wrong. Tell your supervisor: the telephony settings need fixing.',
  31203: 'The telephony account behind this app is not active. Tell your supervisor.',
  31204: 'The sign-in for calls is not valid. Restart the app; if it keeps happening, tell your supervisor.',
  31205: 'The sign-in for calls expired; the app is getting a new one. If calls do not work again within a minute, restart the app.',
  31206: 'The app sent the call service too many requests in a short time. Wait a minute, then try again.',
  31207: 'The sign-in for calls is set to last longer than the call service allows. Tell your supervisor: the telephony settings need fixing.',
  31209: 'The call service did not allow the call to reconnect. Call the person back if you need to.',
  31210: 'The call service refused a message from the app about this call. Tell your supervisor if it keeps happening.',
  31212: 'A message from the app about this call was too large for the call service. Tell your supervisor if it keeps happening.',

  // Microphone.
  31208: 'The microphone is blocked. Allow the microphone for Ambassador Desk in the browser or system settings, then try again.',
  31401: 'The microphone is blocked. Allow the microphone for Ambassador Desk in the browser or system settings, then try again.',
  31402: 'The microphone could not be started. Check that one is plugged in and not in use by another app, then try again.',

  // The call itself.
  31000: 'Something went wrong with the call service. Try again; if it keeps happening, tell your supervisor.',
  31001: 'The call service has no calling application set up for this app. Tell your supervisor: the telephony settings need fixing.',
  31002: 'The call was declined or not answered. Try again later.',
  31003: 'The call could not connect in time. Check the network connection (a firewall may be blocking calls), then try again.',
  31005: 'The connection to the call service failed. Check the network connection, then try again.',
  31008: 'The call ended before it could be answered. Call the person back if you need to.',
  31009: 'The app has no connection to the call service. Check the network connection; the app keeps trying to reconnect.',
  31100: 'The call service could not understand a request from the app. Try again; if it keeps happening, tell your supervisor.',
  31101: 'The call service could not understand a request from the app. Try again; if it keeps happening, tell your supervisor.',
  31102: 'The call request reached the call service without the sign-in for calls. Restart the app; if it keeps happening, tell your supervisor.',
  31103: 'The call request had too much information attached for the call service. Tell your supervisor if it keeps happening.',
  31104: 'The call service refused to reconnect the call. Call the person back if you need to.',
  31105: 'The call service refused this desk’s calling name. Tell your supervisor: the telephony settings need fixing.',
  31107: 'The call service refused to reconnect the call. Call the person back if you need to.',
  31400: 'The call service could not understand a request from the app. Try again; if it keeps happening, tell your supervisor.',
  31404: 'The number you called was not found. Check the number, then try again.',
  31480: 'The person you called is not available right now. Try again later.',
  31486: 'The line is busy. Try again in a few minutes.',
  31603: 'The person you called declined the call. Try again later or reach them another way.',

  // Signaling connection and media.
  53000: 'The connection to the call service failed. Check the network connection; the app keeps trying to reconnect.',
  53001: 'The connection to the call service dropped. Check the network connection; the app keeps trying to reconnect.',
  53400: 'The call’s audio could not be set up on this computer. Try again; if it keeps happening, restart the app.',
  53402: 'The call’s audio could not be set up with the other side. Try again; if it keeps happening, restart the app.',
  53405: 'The call’s audio connection failed, often because of the network or a firewall. Check the network connection, then try again.',
};

/** The codes the table above names (for tests and support pages). */
export const knownTwilioCodes: readonly number[] = Object.keys(byCode).map(Number);

/** Browser errors without a Twilio code (e.g. from choosing a microphone), by DOMException name. */
const byName: Readonly<Record<string, string>> = {
  NotAllowedError: byCode[31401]!,
  PermissionDeniedError: byCode[31401]!,
  SecurityError: byCode[31401]!,
  NotFoundError: byCode[31402]!,
  NotReadableError: byCode[31402]!,
  OverconstrainedError: byCode[31402]!,
  // Thrown by new Device() where there is no WebRTC.
  NotSupportedError: 'This browser cannot make calls. Use the desktop app, or a current Chrome or Edge.',
};

/** The SDK prefixes its messages with "Name (code): "; the agent sees the code at the end instead. */
function sdkDetail(message: string | undefined): string {
  const text = (message ?? '').replace(/^\w+ \(\d+\):\s*/, '').trim();
  return text === '' ? 'no details were given' : text.replace(/\.$/, '');
}

/** Plain words for any SDK (or browser media) error: a known code, a known browser error name, or a generic fallback. */
export function plainTwilioError(err: { code?: number; message?: string; name?: string }): VoiceError {
  const code = typeof err.code === 'number' && Number.isInteger(err.code) && err.code > 0 ? err.code : 0;
  const known = code ? byCode[code] : undefined;
  if (known) return { code, message: `${known} (Twilio ${code})` };
  if (code) return { code, message: `Call service error (code ${code}): ${sdkDetail(err.message)}. (Twilio ${code})` };
  const named = err.name ? byName[err.name] : undefined;
  if (named) return { code: 0, message: named };
  return { code: 0, message: `Call service error: ${sdkDetail(err.message)}.` };
}

/** A VoiceError that is also an Error, for promises that reject (start, dial). */
export class VoiceFailure extends Error implements VoiceError {
  readonly code: number;
  constructor(error: VoiceError) {
    super(error.message);
    this.name = 'VoiceFailure';
    this.code = error.code;
  }
}
