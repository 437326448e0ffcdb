import { unwrapReply } from './reply';
import { TransportError, type Transport } from './types';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const requestTimeoutMs = 30_000;

/** WebSocket transport to the browser host; reconnects with backoff and fails pending calls clearly when cut. */
export function websocketTransport(url: string): Transport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let backoff = 250;
  let connected = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(p: unknown) => void>>();
  const connectionListeners = new Set<(c: boolean) => void>();

  const setConnected = (value: boolean) => {
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setConnected(true);
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      let msg: { type?: string; id?: number | null; event?: string; payload?: unknown };
      try {
        msg = JSON.parse(e.data) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'event' && typeof msg.event === 'string') {
        for (const l of eventListeners.get(msg.event) ?? []) l(msg.payload);
      } else if (msg.type === 'reply' && typeof msg.id === 'number') {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        try {
          p.resolve(unwrapReply(msg));
        } catch (error) {
          p.reject(error as Error);
        }
      }
    };
    ws.onclose = () => {
      setConnected(false);
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new TransportError('disconnected', 'Lost the connection to Ambassador Desk; please try again'));
        pending.delete(id);
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  }
  connect();

  return {
    kind: 'websocket',
    invoke(channel, input) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, input });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          // Never send it later: the agent was told it failed.
          const queued = queue.indexOf(text);
          if (queued >= 0) queue.splice(queued, 1);
          reject(new TransportError('timeout', `${channel} did not answer in time`));
        }, requestTimeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        if (connected && socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      eventListeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** The host puts its per-launch secret in the URL fragment; keep it for reloads, then take it out of the address bar. */
export function hostSocketUrl(location: Location, storage: Storage, history: History): string | undefined {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('k');
  if (fromHash) {
    storage.setItem('desk.hostSecret', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const secret = fromHash ?? storage.getItem('desk.hostSecret');
  if (!secret) return undefined;
  return `ws://${location.host}/ws?k=${encodeURIComponent(secret)}`;
}
