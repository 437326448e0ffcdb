import type { ChannelName, EventName, EventPayloadOf, ReplyOf, RequestOf } from '../../../preload/contract';
import { TransportError, type Transport } from '../../../renderer/app/transport/types';

type Handler<N extends ChannelName> = (input: RequestOf<N>) => ReplyOf<N> | Promise<ReplyOf<N>>;
export type Handlers = { [N in ChannelName]?: Handler<N> };

/** The renderer's transport without main: each channel answered by a test's handler; every request recorded. */
export interface FakeTransport extends Transport {
  readonly calls: { channel: ChannelName; input: unknown }[];
  callsTo<N extends ChannelName>(channel: N): RequestOf<N>[];
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  handle<N extends ChannelName>(channel: N, handler: Handler<N>): void;
}

export function createFakeTransport(handlers: Handlers = {}): FakeTransport {
  const table: Handlers = { ...handlers };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { channel: ChannelName; input: unknown }[] = [];
  return {
    kind: 'websocket',
    calls,
    callsTo: <N extends ChannelName>(channel: N) => calls.filter((c) => c.channel === channel).map((c) => c.input as RequestOf<N>),
    async invoke<N extends ChannelName>(channel: N, input: RequestOf<N>): Promise<ReplyOf<N>> {
      calls.push({ channel, input });
      const handler = table[channel] as Handler<N> | undefined;
      if (!handler) throw new TransportError('not_found', `The test gave no answer for ${channel}`);
      return handler(input);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onConnectionChange: () => () => {},
    emit(event, payload) {
      listeners.get(event)?.forEach((l) => l(payload));
    },
    handle(channel, handler) {
      (table as Record<string, unknown>)[channel] = handler;
    },
  };
}
