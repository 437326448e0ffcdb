import type { ChannelName, EventName, EventPayloadOf, ReplyOf, RequestOf, WireIssue } from '../../../preload/contract';

/** The renderer's one way to main: Electron IPC or the browser host's WebSocket, same contract. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  invoke<N extends ChannelName>(channel: N, input: RequestOf<N>): Promise<ReplyOf<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
  /** `ended` says the connection was closed for good, and why (the page must not reconnect by itself). */
  onConnectionChange(listener: (connected: boolean, ended?: ConnectionEnd) => void): () => void;
}

/** Why the host closed the connection for good: its launch secret was changed (the page needs the new address). */
export type ConnectionEnd = 'secret_changed';

export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: WireIssue[] = [],
  ) {
    super(message);
  }
}
