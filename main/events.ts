import { allEvents } from '../preload/contract';

export type EventListener = (name: string, payload: unknown) => void;

/** Events from main to every window: payloads are checked against the contract once, here. */
export function createEventBus(log: (line: string) => void) {
  const listeners = new Set<EventListener>();
  const schemas = new Map(allEvents.map((e) => [e.name as string, e.payload]));
  return {
    emit(name: string, payload: unknown): void {
      const checked = schemas.get(name)?.safeParse(payload);
      if (!checked?.success) {
        log(`not sending ${name}: ${checked ? 'payload does not match the contract' : 'unknown event'}`);
        return;
      }
      for (const l of listeners) l(name, checked.data);
    },
    on(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
