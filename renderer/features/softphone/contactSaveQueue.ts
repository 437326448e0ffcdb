import type { ContactPatch } from '../../../preload/contract';

export interface SaveStatus {
  status: 'idle' | 'saving' | 'saved' | 'failed';
  error: string | null;
}

export interface ContactSaveQueueOptions {
  send(contactId: string, patch: ContactPatch): Promise<unknown>;
  onStatus(status: SaveStatus): void;
  /** The first retry waits this long, each next one twice as long, up to maxRetryMs. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ContactSaveQueue {
  /** Queues a change for a contact; `null` is the current call's contact before it has started. */
  save(contactId: string | null, patch: ContactPatch): void;
  /** The call's contact has started: changes made before it exist are now sent to it. */
  assign(contactId: string): void;
  /** Changes still waiting for a contact that never started (an earlier call's): not the next call's. */
  dropUnassigned(): void;
  /** Changes not yet sent, per contact (for tests and for a warning before quitting). */
  pending(): ReadonlyMap<string | null, ContactPatch>;
  dispose(): void;
}

/**
 * Contact saves: one request in flight; changes made meanwhile are merged per contact (the later field wins) and sent
 * next, so nothing typed is lost. A failed save is kept, merged under newer changes, and retried with a growing pause.
 */
export function createContactSaveQueue(options: ContactSaveQueueOptions): ContactSaveQueue {
  const { send, onStatus, firstRetryMs = 1000, maxRetryMs = 10_000 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const waiting = new Map<string | null, ContactPatch>();
  let inFlight = false;
  let retryMs = 0;
  let retryTimer: unknown = null;
  let disposed = false;

  const merge = (contactId: string | null, patch: ContactPatch, under = false) => {
    const queued = waiting.get(contactId);
    waiting.set(contactId, queued ? (under ? { ...patch, ...queued } : { ...queued, ...patch }) : patch);
  };

  const next = (): [string, ContactPatch] | null => {
    for (const [id, patch] of waiting) if (id !== null) return [id, patch];
    return null;
  };

  const flush = async (): Promise<void> => {
    if (inFlight || retryTimer !== null || disposed) return;
    const item = next();
    if (!item) return;
    const [contactId, patch] = item;
    waiting.delete(contactId);
    inFlight = true;
    onStatus({ status: 'saving', error: null });
    try {
      await send(contactId, patch);
      retryMs = 0;
      if (!next()) onStatus({ status: 'saved', error: null });
    } catch (error) {
      merge(contactId, patch, true);
      retryMs = Math.min(maxRetryMs, retryMs ? retryMs * 2 : firstRetryMs);
      onStatus({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      retryTimer = setTimer(() => {
        retryTimer = null;
        void flush();
      }, retryMs);
    } finally {
      inFlight = false;
    }
    if (retryTimer === null) void flush();
  };

  return {
    save(contactId, patch) {
      merge(contactId, patch);
      void flush();
    },
    assign(contactId) {
      const early = waiting.get(null);
      if (early) {
        waiting.delete(null);
        merge(contactId, early, true);
      }
      void flush();
    },
    dropUnassigned() {
      waiting.delete(null);
    },
    pending: () => new Map(waiting),
    dispose() {
      disposed = true;
      if (retryTimer !== null) clearTimer(retryTimer);
      retryTimer = null;
    },
  };
}
