import type { Transport } from '../../../../app/transport';
import { plainTwilioError, VoiceFailure } from '../twilio-errors';
import type { VoiceEvent } from '../types';
import type { DeviceLike, SdkError } from './sdk';

/*
 * The desk's sign-in for calls: an access token fetched through main (telephony.token), handed to the Device and
 * renewed before it expires. A failed renewal is reported once, then retried quietly until it works.
 */

export interface TokenSessionDeps {
  transport: Pick<Transport, 'invoke'>;
  emit: (e: VoiceEvent) => void;
  now: () => number;
  /** Wait before trying again when a renewal failed. */
  retryMs: number;
  /** The Device the token is for; a renewal that finishes after it changed is dropped. */
  device: () => DeviceLike | null;
  /** Registers the Device again with its new token (after the old one expired, the SDK stops renewing). */
  registerAgain: (d: DeviceLike) => void;
}

export type TokenSession = ReturnType<typeof createTokenSession>;

/** `text` with a capital first letter and a closing full stop, to sit between other sentences. */
const asSentence = (text: string) => {
  const t = text.trim();
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : '';
};

export function createTokenSession(deps: TokenSessionDeps) {
  const { emit, now, retryMs } = deps;
  let identity = '';
  let expiresAt = Number.NaN;
  let refreshing: Promise<void> | null = null;
  let refreshFailed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  /** A new token from main; remembers who it signs in and when it expires. */
  async function fetch(): Promise<string> {
    let reply;
    try {
      reply = await deps.transport.invoke('telephony.token', {});
    } catch (e) {
      throw new VoiceFailure({
        code: 0,
        message: `The app could not get its sign-in for calls. ${asSentence((e as Error).message)} The desk keeps trying; if this goes on, tell your supervisor.`,
      });
    }
    const expiry = Date.parse(reply.expiresAt);
    if (Number.isFinite(expiry) && expiry <= now()) throw new VoiceFailure(plainTwilioError({ code: 20104 }));
    identity = reply.identity;
    expiresAt = expiry;
    return reply.token;
  }

  /** Gets a new token through main and gives it to the device; retries (quietly after the first report) until it works. */
  function refresh(reRegister: boolean): Promise<void> {
    if (refreshing) return refreshing;
    const d = deps.device();
    if (!d) return Promise.resolve();
    clearTimeout(retryTimer);
    refreshing = (async () => {
      try {
        const token = await fetch();
        if (deps.device() !== d) return;
        d.updateToken(token);
        refreshFailed = false;
        if (reRegister) deps.registerAgain(d);
      } catch (e) {
        if (deps.device() !== d) return;
        // Events carry plain objects (they go into the store), not Error instances.
        const error = e instanceof VoiceFailure ? { code: e.code, message: e.message } : plainTwilioError(e as SdkError);
        if (!refreshFailed) emit({ type: 'error', error });
        refreshFailed = true;
        retryTimer = setTimeout(() => void refresh(reRegister || (Number.isFinite(expiresAt) && expiresAt <= now())), retryMs);
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    fetch,
    refresh,
    /** The identity the last token signed in (the "from" of outbound calls). */
    identity: () => identity,
    /** Stops a pending retry (the desk is closing). */
    stopRetrying: () => clearTimeout(retryTimer),
  };
}
