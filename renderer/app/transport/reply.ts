import { TransportError } from './types';

/** Unwraps a reply envelope from either transport; a reply that is not an envelope is itself an error. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as { ok: boolean; value?: unknown; error?: { code?: string; message?: string; issues?: [] } };
    if (r.ok) return r.value as T;
    throw new TransportError(r.error?.code ?? 'failed', r.error?.message ?? 'Request failed', r.error?.issues ?? []);
  }
  throw new TransportError('bad_message', 'The app received a reply it does not understand');
}
